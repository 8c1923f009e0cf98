package io.credence.scorer.http;

import io.credence.scorer.dashboard.MetricsPoint;
import io.credence.scorer.dashboard.TrainingHistory;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.PredictorCache;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** GET /models (each model in use: version, snapshot age, records seen, predictions made) and GET /models/{id}/metrics. */
@Controller("/models")
public class ModelsController {
    private final PredictorCache cache;
    private final ScorerMetrics metrics;
    private final TrainingHistory history;
    private final Clock clock;

    public ModelsController(PredictorCache cache, ScorerMetrics metrics, TrainingHistory history, Clock clock) {
        this.cache = cache;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
    }

    /** Every model this instance can score, sorted by id. */
    @Get
    public List<ModelView> models() {
        Instant now = clock.instant();
        return cache.all().stream().map(m -> ModelView.of(m, now, metrics.scoredCount(m.modelId()))).toList();
    }

    /** The newest training-metrics points of one model, oldest first (empty if none were read yet). */
    @Get("/{modelId}/metrics")
    public List<MetricsPoint> metrics(@PathVariable String modelId) {
        return history.of(modelId);
    }
}
