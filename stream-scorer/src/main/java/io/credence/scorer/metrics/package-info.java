/** Micrometer meters of the scorer, exported in Prometheus format at GET /prometheus. */
package io.credence.scorer.metrics;
