package io.credence.trainer.metrics;

import io.credence.bnn.inference.StepReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trainer's Micrometer meters: records and updates per model, step latency, the last step's ELBO, KL and NLL per
 * model, rejected steps, snapshots, spec changes, learners in memory and dropped from it, inputs that crossed the
 * repartition topic, and dead letters by error class. Thread-safe: stream threads write, the scrape endpoint reads.
 */
public final class TrainerMetrics {

    private static final String MODEL = "model";

    private final MeterRegistry registry;
    private final Map<String, StepGauges> gauges = new ConcurrentHashMap<>();
    private final AtomicInteger modelsInMemory = new AtomicInteger();

    /** Meters registered in {@code registry}. */
    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("credence.trainer.models.in.memory", modelsInMemory);
    }

    /** One mini-batch update of {@code modelId} that took {@code latency} (scoring and SVI steps). */
    public void update(String modelId, StepReport report, Duration latency) {
        Tags tags = Tags.of(MODEL, modelId);
        registry.counter("credence.trainer.records", tags).increment(report.batchSize());
        registry.counter("credence.trainer.updates", tags).increment();
        Timer.builder("credence.trainer.step.latency").description("Prequential scoring plus SVI steps of one mini-batch")
                .tags(tags).register(registry).record(latency);
        if (!report.accepted()) rejectedCounter(modelId).increment();
        gauges.computeIfAbsent(modelId, this::register).set(report);
    }

    /** {@code steps} rehearsal steps of {@code modelId} taken while its stream was quiet. */
    public void rehearsed(String modelId, int steps) {
        registry.counter("credence.trainer.rehearsal.steps", MODEL, modelId).increment(steps);
    }

    /** Rehearsal steps of {@code modelId} taken so far. */
    public double rehearsalSteps(String modelId) {
        return registry.counter("credence.trainer.rehearsal.steps", MODEL, modelId).count();
    }

    /** Mini-batch updates of {@code modelId} rejected for a non-finite loss or parameters. */
    public double stepsRejected(String modelId) {
        return rejectedCounter(modelId).count();
    }

    /** {@code delta} learners entered (positive) or left (negative) this instance's memory. */
    public void modelsInMemory(int delta) {
        modelsInMemory.addAndGet(delta);
    }

    /** Learners in this instance's memory now. */
    public int modelsInMemory() {
        return modelsInMemory.get();
    }

    /** {@code count} idle models were checkpointed and dropped from memory. */
    public void modelsEvicted(int count) {
        if (count > 0) registry.counter("credence.trainer.models.evicted").increment(count);
    }

    /** Models dropped from memory so far. */
    public double modelsEvicted() {
        return registry.counter("credence.trainer.models.evicted").count();
    }

    /** A snapshot of {@code modelId} was published. */
    public void snapshotPublished(String modelId) {
        registry.counter("credence.trainer.snapshots", MODEL, modelId).increment();
    }

    /** {@code modelId} got a new spec; {@code compatible} tells whether its posterior continued. */
    public void specChanged(String modelId, boolean compatible) {
        registry.counter("credence.trainer.spec.changes", MODEL, modelId, "compatible", Boolean.toString(compatible)).increment();
    }

    /** An input from {@code sourceTopic} was dead-lettered with {@code errorClass}. */
    public void deadLetter(String sourceTopic, String errorClass) {
        deadLetterCounter(sourceTopic, errorClass).increment();
    }

    /**
     * The counter of inputs of one kind ({@code labeled-records} or {@code model-specs}) that crossed the by-model
     * repartition topic because their producer did not key them by model id onto that key's partition.
     */
    public Counter repartitioned(String input) {
        return Counter.builder("credence.trainer.repartitioned")
                .description("Inputs that crossed the by-model repartition topic (not keyed by model id with the default partitioner)")
                .tags("input", input).register(registry);
    }

    /** The dead-letter count of one source topic and error class. */
    public double deadLetters(String sourceTopic, String errorClass) {
        return deadLetterCounter(sourceTopic, errorClass).count();
    }

    private Counter deadLetterCounter(String sourceTopic, String errorClass) {
        return Counter.builder("credence.trainer.dead.letters").description("Inputs sent to the dead-letter topic")
                .tags("topic", sourceTopic, "error_class", errorClass).register(registry);
    }

    private Counter rejectedCounter(String modelId) {
        return Counter.builder("credence.trainer.steps.rejected")
                .description("Mini-batch updates rejected because the loss or parameters became NaN or infinite")
                .tags(MODEL, modelId).register(registry);
    }

    private StepGauges register(String modelId) {
        StepGauges g = new StepGauges();
        Tags tags = Tags.of(MODEL, modelId);
        registry.gauge("credence.trainer.elbo", tags, g, s -> s.elbo);
        registry.gauge("credence.trainer.kl", tags, g, s -> s.kl);
        registry.gauge("credence.trainer.nll", tags, g, s -> s.nll);
        return g;
    }

    /** The last step's ELBO (nats per example), KL (nats) and NLL (standardised units) of one model. */
    private static final class StepGauges {
        private volatile double elbo = Double.NaN;
        private volatile double kl = Double.NaN;
        private volatile double nll = Double.NaN;

        void set(StepReport r) {
            elbo = r.elbo();
            kl = r.kl();
            nll = r.nll();
        }
    }
}
