package io.credence.bnn.spec;

/** Regression observation noise: a fixed sigma, one learned sigma, or a sigma per input predicted by the network. */
public enum NoiseModel { FIXED, HOMOSCEDASTIC, HETEROSCEDASTIC }
