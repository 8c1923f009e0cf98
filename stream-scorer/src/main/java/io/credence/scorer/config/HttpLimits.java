package io.credence.scorer.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Bounds on the work one POST /predict request may ask for, bound from {@code credence.scorer.http}; a request beyond
 * them gets 413 with the limit in its reason. (The body size itself is bounded by micronaut.server.max-request-size.)
 *
 * @param maxRows  most input rows in one request
 * @param maxDraws most rows x Monte Carlo samples in one request
 */
@ConfigurationProperties("credence.scorer.http")
public record HttpLimits(int maxRows, long maxDraws) {
    public HttpLimits {
        if (maxRows < 1) throw new IllegalArgumentException("credence.scorer.http.max-rows must be >= 1, got " + maxRows);
        if (maxDraws < 1) throw new IllegalArgumentException("credence.scorer.http.max-draws must be >= 1, got " + maxDraws);
    }
}
