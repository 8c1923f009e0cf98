package io.credence.bnn.spec;

/** What a model predicts: a real-valued target (Gaussian likelihood) or one of n classes (categorical likelihood). */
public enum Task { REGRESSION, CLASSIFICATION }
