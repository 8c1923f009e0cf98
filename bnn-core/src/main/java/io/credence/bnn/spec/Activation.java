package io.credence.bnn.spec;

/** Hidden-layer nonlinearity. */
public enum Activation { RELU, TANH, SIGMOID }
