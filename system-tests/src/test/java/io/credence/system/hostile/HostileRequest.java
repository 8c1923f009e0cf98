package io.credence.system.hostile;

/**
 * One hostile POST /predict.
 *
 * @param kind        e.g. INVALID_JSON, NON_FINITE, UNKNOWN_MODEL
 * @param contentType the Content-Type header
 * @param body        the request body
 */
record HostileRequest(String kind, String contentType, byte[] body) {
}
