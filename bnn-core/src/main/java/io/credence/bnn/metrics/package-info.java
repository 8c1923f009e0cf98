/** Prequential (test-then-train) metrics of a stream. */
package io.credence.bnn.metrics;
