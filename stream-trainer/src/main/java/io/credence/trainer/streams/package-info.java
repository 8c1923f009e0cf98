/** The Kafka Streams client as a Micronaut-managed bean: topic provisioning, lifecycle and health. */
@Configuration
@Requires(env = TrainerApp.ENVIRONMENT)
package io.credence.trainer.streams;

import io.credence.trainer.TrainerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
