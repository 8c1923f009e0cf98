/** Typed configuration of the trainer, bound from application-trainer.yml (every key overridable by environment variables). */
@Configuration
@Requires(env = TrainerApp.ENVIRONMENT)
package io.credence.trainer.config;

import io.credence.trainer.TrainerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
