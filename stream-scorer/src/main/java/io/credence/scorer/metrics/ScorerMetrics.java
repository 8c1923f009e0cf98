package io.credence.scorer.metrics;

import io.credence.bnn.predictive.SampleBankBudget;
import io.credence.scorer.scoring.PredictorCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scorer's Micrometer meters: predictions per model (a counter, so Prometheus' rate() gives predictions/s),
 * record latency from arrival to scoring (a histogram), records buffered, dead letters by error class, refused HTTP
 * requests, rejected snapshots, and the age of the snapshot in use per model.
 */
public final class ScorerMetrics {
    private final MeterRegistry registry;
    private final PredictorCache cache;
    private final Clock clock;
    private final Timer latency;
    private final Map<String, Counter> predictions = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Gauge> snapshotAges = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();

    public ScorerMetrics(MeterRegistry registry, PredictorCache cache, Clock clock) {
        this.registry = registry;
        this.cache = cache;
        this.clock = clock;
        this.latency = Timer.builder("credence.scorer.latency")
                .description("Time from a feature record's arrival at the scorer (or an HTTP request) to its prediction")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("credence.scorer.sample.bank.bytes", cache.banks(), SampleBankBudget::bytes)
                .description("Heap held by the models' Monte Carlo weight draws (bounded by credence.scorer.max-sample-bank-mib)")
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("credence.scorer.sample.banks.dropped", cache.banks(), SampleBankBudget::dropped)
                .description("Sample banks dropped to stay within credence.scorer.max-sample-bank-mib, each drawn again when next used")
                .register(registry);
        Gauge.builder("credence.scorer.pending", pending, AtomicLong::get)
                .description("Feature records buffered in this instance, waiting for their micro-batch or their model's first snapshot")
                .register(registry);
    }

    /** Records a change of {@code delta} in the number of buffered feature records. */
    public void pendingChanged(long delta) {
        pending.addAndGet(delta);
    }

    /** Feature records buffered in this instance right now. */
    public long pending() {
        return pending.get();
    }

    /** Counts {@code count} predictions of {@code modelId}, each {@code latencyMillis} after its arrival. */
    public void scored(String modelId, long[] latencyMillis) {
        predictions.computeIfAbsent(modelId, id -> Counter.builder("credence.scorer.predictions")
                .description("Predictions emitted (stream and HTTP)").tag("model", id).register(registry))
                .increment(latencyMillis.length);
        for (long ms : latencyMillis) {
            latency.record(Duration.ofMillis(Math.max(0, ms)));
        }
    }

    /** Predictions made for {@code modelId} by this instance so far. */
    public long scoredCount(String modelId) {
        Counter c = predictions.get(modelId);
        return c == null ? 0 : (long) c.count();
    }

    /** Counts one dead letter of {@code errorClass}. */
    public void deadLettered(String errorClass) {
        deadLetters.computeIfAbsent(errorClass, e -> Counter.builder("credence.scorer.dlq")
                .description("Input records dead-lettered, by error class").tag("error_class", e).register(registry))
                .increment();
    }

    /** Counts one POST /predict request refused with a 4xx, by error class. */
    public void httpRejected(String errorClass) {
        registry.counter("credence.scorer.http.rejected", "error_class", errorClass).increment();
    }

    /** Counts a snapshot that could not be decoded (logged by the caller). */
    public void snapshotRejected(String reason) {
        registry.counter("credence.scorer.snapshots.rejected", "reason", reason).increment();
    }

    /** Starts reporting the age of the snapshot in use for {@code modelId} (idempotent). */
    public void trackSnapshotAge(String modelId) {
        snapshotAges.computeIfAbsent(modelId, id -> Gauge.builder("credence.scorer.snapshot.age",
                        () -> cache.current(id)
                                .map(m -> Duration.between(m.createdAt(), clock.instant()).toMillis() / 1000.0)
                                .orElse(Double.NaN))
                .description("Seconds since the snapshot in use was published").tag("model", id).baseUnit("seconds")
                .register(registry));
    }
}
