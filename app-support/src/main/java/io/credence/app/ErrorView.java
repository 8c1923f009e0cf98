package io.credence.app;

/**
 * The JSON body of every 4xx answer of the apps' HTTP APIs.
 *
 * @param error  error class, as in dead letters (FEATURE_COUNT, NON_FINITE, BAD_SAMPLES, UNKNOWN_MODEL, UNAUTHORIZED...)
 * @param reason what was wrong, in words a caller can act on
 */
public record ErrorView(String error, String reason) {
}
