package io.credence.trainer.processor;

/**
 * A value a trainer processor emits, its type saying where the topology sends it; {@link #value()} is always the
 * encoded bytes that go there (towards the learner, the input's own bytes).
 */
public sealed interface Emission {

    /** The encoded bytes: towards the learner, the input's own bytes; towards a topic, what is written to it. */
    byte[] value();

    /**
     * To the learner of this task, decoded: a valid labeled record or spec keyed by its model id on the partition where
     * Kafka's default partitioner puts that key ({@link ModelPartitioning}).
     */
    record ToLearner(LearnerInput input) implements Emission {
        @Override
        public byte[] value() {
            return input.bytes();
        }
    }

    /**
     * To the by-model repartition topic ({@link LearnerInputSerde}), then the learner of the model's task: any other
     * valid record or spec.
     */
    record ToByModel(LearnerInput input) implements Emission {
        @Override
        public byte[] value() {
            return input.bytes();
        }
    }

    /** To the dead-letter topic: a {@code DeadLetter}. */
    record ToDeadLetters(byte[] value) implements Emission {}

    /** To posterior-snapshots: a {@code PosteriorSnapshot}. */
    record ToSnapshots(byte[] value) implements Emission {}

    /** To training-metrics: a {@code TrainingMetrics}. */
    record ToMetrics(byte[] value) implements Emission {}
}
