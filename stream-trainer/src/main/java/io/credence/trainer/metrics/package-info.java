/** Micrometer meters of the trainer, exported in the Prometheus text format. */
@Configuration
@Requires(env = TrainerApp.ENVIRONMENT)
package io.credence.trainer.metrics;

import io.credence.trainer.TrainerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
