package io.credence.bnn.data;

/**
 * Why an input example cannot be used; the names are the error classes written to dead letters. TOO_MANY_DRAWS is the
 * scorer's: a request for the Monte Carlo draws of a prediction that would be too large to write.
 */
public enum InputError { NON_FINITE, FEATURE_COUNT, LABEL_RANGE, BAD_WEIGHT, BAD_SAMPLES, TOO_MANY_DRAWS }
