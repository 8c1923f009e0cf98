package io.credence.trainer.processor;

import io.credence.avro.TrainerState;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.inference.LearnerState;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.ReplayWindow;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.codec.MetricsCodec;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The in-memory state of one model in a learner task: its learner and the counters of {@link TrainerState}. Mutable
 * and confined to the task's stream thread; {@link #toState} is what the learner store keeps as the model's
 * checkpoint, and {@link #learn} is all that changes it between checkpoints, so that re-learning the batches journaled
 * since a checkpoint ({@link ExampleJournal}) restores a model exactly.
 */
final class ModelSlot {

    OnlineLearner learner;
    /** Version of the last published snapshot, 0 before the first. */
    long version;
    /** Wall-clock time of the last published snapshot, epoch ms; 0 before the first. */
    long lastSnapshotMillis;
    long updatesSinceSnapshot;
    /** Metrics of the newest update of the current posterior, or null before its first. */
    TrainingMetrics lastMetrics;
    /** Examples buffered in the pending store. */
    int pending;
    /** Wall-clock time the newest example was buffered, or this task took the model over, epoch ms. */
    long lastRecordMillis;
    /** Ordinal of the first replay-window example the replay store does not hold yet (it is written per checkpoint). */
    long windowedAtCheckpoint;

    private ModelSlot(OnlineLearner learner) {
        this.learner = learner;
    }

    /** A new model with a fresh posterior under {@code spec}. */
    static ModelSlot create(ModelSpec spec, long nowMillis) {
        ModelSlot slot = new ModelSlot(OnlineLearner.create(spec));
        slot.lastRecordMillis = nowMillis;
        return slot;
    }

    /**
     * Model {@code modelId} as its checkpoint {@code state} keeps it, its replay window as {@code window} gives it for the
     * spec's capacity, brought up to date by re-learning what {@code journal} learned since, taken over at
     * {@code nowMillis}.
     */
    static ModelSlot restore(String modelId, TrainerState state, ExampleJournal.Restored journal,
                             IntFunction<List<ReplayWindow.Example>> window, long nowMillis) {
        LearnerState learner = LearnerStateCodec.toCore(state);
        ModelSlot slot = new ModelSlot(OnlineLearner.restore(
                learner.withReplayWindow(window.apply(learner.posterior().spec().streaming().replayCapacity()))));
        slot.version = state.getPosterior().getVersion();
        slot.lastSnapshotMillis = state.getLastSnapshotMillis();
        slot.updatesSinceSnapshot = state.getUpdatesSinceSnapshot();
        slot.lastMetrics = state.getLastMetrics();
        slot.windowedAtCheckpoint = slot.learner.replayWindow().nextOrdinal();
        for (ExampleJournal.LearnedBatch b : journal.learned()) slot.learn(modelId, b.batch(), b.learnedAtMillis());
        slot.pending = journal.buffered();
        // The idle timer restarts on take-over, so a restart never flushes a partial batch that a continuous run
        // would have completed.
        slot.lastRecordMillis = nowMillis;
        return slot;
    }

    ModelSpec spec() {
        return learner.spec();
    }

    /** Learns {@code batch} as model {@code modelId} at {@code nowMillis}; the caller journals it and emits its metrics. */
    StepReport learn(String modelId, MiniBatch batch, long nowMillis) {
        StepReport report = learner.learn(batch.features(), batch.labels(), batch.weights());
        lastMetrics = MetricsCodec.toAvro(modelId, version, report, nowMillis);
        if (report.accepted()) updatesSinceSnapshot++; // a rejected step left the posterior as it was
        return report;
    }

    /** Starts a fresh posterior under {@code spec}; the version keeps counting. */
    void restart(ModelSpec spec) {
        learner = OnlineLearner.create(spec);
        lastMetrics = null;
        updatesSinceSnapshot = 0;
    }

    /** What the learner store keeps for this model (its pending examples live in the pending store). */
    TrainerState toState(long nowMillis) {
        return LearnerStateCodec.toAvro(learner.state(), version, nowMillis)
                .setLastMetrics(lastMetrics)
                .setLastSnapshotMillis(lastSnapshotMillis)
                .setUpdatesSinceSnapshot(updatesSinceSnapshot)
                .setLastRecordMillis(lastRecordMillis)
                .build();
    }
}
