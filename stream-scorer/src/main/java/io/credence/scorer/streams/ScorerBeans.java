package io.credence.scorer.streams;

import io.credence.bnn.predictive.SampleBankBudget;
import io.credence.scorer.config.ScorerSettings;
import io.credence.scorer.dashboard.TrainingHistory;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.PredictorCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The scorer's shared singletons: the clock, the predictor cache (one for the stream and HTTP paths), the meters and
 * the live page's training history.
 */
@Factory
public class ScorerBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    PredictorCache predictorCache(Clock clock, ScorerSettings settings) {
        return new PredictorCache(clock, settings.quantileLevelArray(),
                new SampleBankBudget(settings.sampleBankBytes(Runtime.getRuntime().maxMemory())));
    }

    @Singleton
    @Bean(typed = {PrometheusMeterRegistry.class, MeterRegistry.class})
    PrometheusMeterRegistry meterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Singleton
    TrainingHistory trainingHistory(@Value("${credence.scorer.dashboard.history-points}") int capacity) {
        return new TrainingHistory(capacity);
    }

    @Singleton
    ScorerMetrics scorerMetrics(MeterRegistry registry, PredictorCache cache, Clock clock) {
        return new ScorerMetrics(registry, cache, clock);
    }
}
