package io.credence.bnn.data;

/** Why an input example cannot be used; the names are the error classes written to dead letters. */
public enum InputError { NON_FINITE, FEATURE_COUNT, LABEL_RANGE, BAD_WEIGHT, BAD_SAMPLES }
