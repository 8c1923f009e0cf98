/** The live page's data: a bounded in-memory history of each model's prequential training metrics. */
@Configuration
@Requires(env = ScorerApp.ENVIRONMENT)
package io.credence.scorer.dashboard;

import io.credence.scorer.ScorerApp;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
