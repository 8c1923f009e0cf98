/** Micrometer meters of the trainer, exported in the Prometheus text format. */
package io.credence.trainer.metrics;
