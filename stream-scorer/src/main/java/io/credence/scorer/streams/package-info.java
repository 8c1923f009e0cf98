/** Micronaut wiring of the scorer: the Kafka Streams instance and its lifecycle, topic creation, shared singletons. */
@Configuration
@Requires(env = ScorerApp.ENVIRONMENT)
package io.credence.scorer.streams;

import io.credence.scorer.ScorerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
