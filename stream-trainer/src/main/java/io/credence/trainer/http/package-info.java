/**
 * The trainer's HTTP API: the models it trains and its Prometheus metrics (health comes from Micronaut management),
 * behind an optional bearer token.
 */
@Configuration
@Requires(env = TrainerApp.ENVIRONMENT)
package io.credence.trainer.http;

import io.credence.trainer.TrainerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
