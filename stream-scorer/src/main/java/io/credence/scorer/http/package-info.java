/**
 * The scorer's HTTP surface: POST /predict (and /predict/batch), GET /models, GET /prometheus, the Kafka Streams
 * health indicator of GET /health, and the live page at /.
 */
@Configuration
@Requires(env = ScorerApp.ENVIRONMENT)
package io.credence.scorer.http;

import io.credence.scorer.ScorerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
