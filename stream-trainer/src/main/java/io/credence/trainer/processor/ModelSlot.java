package io.credence.trainer.processor;

import io.credence.avro.TrainerState;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.inference.LearnerState;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.ReplayWindow;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.LearnerStateCodec;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The in-memory state of one model in a learner task: its learner and the counters of {@link TrainerState}. Mutable
 * and confined to the task's stream thread; {@link #toState} is what the learner store keeps.
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
     * The model kept in {@code state}, with {@code pending} buffered examples and its replay window as {@code window}
     * gives it for the spec's capacity, taken over at {@code nowMillis}.
     */
    static ModelSlot restore(TrainerState state, int pending, IntFunction<List<ReplayWindow.Example>> window, long nowMillis) {
        LearnerState learner = LearnerStateCodec.toCore(state);
        ModelSlot slot = new ModelSlot(OnlineLearner.restore(
                learner.withReplayWindow(window.apply(learner.posterior().spec().replayCapacity()))));
        slot.version = state.getPosterior().getVersion();
        slot.lastSnapshotMillis = state.getLastSnapshotMillis();
        slot.updatesSinceSnapshot = state.getUpdatesSinceSnapshot();
        slot.lastMetrics = state.getLastMetrics();
        slot.pending = pending;
        // The idle timer restarts on take-over, so a restart never flushes a partial batch that a continuous run
        // would have completed.
        slot.lastRecordMillis = nowMillis;
        return slot;
    }

    ModelSpec spec() {
        return learner.spec();
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
