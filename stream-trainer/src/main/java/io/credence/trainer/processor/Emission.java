package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;

/**
 * A value a trainer processor emits, its type saying where the topology sends it; {@link #value()} is always the
 * encoded bytes that go there.
 */
public sealed interface Emission {

    /** The encoded bytes: towards the learner, the input's own bytes; towards a topic, what is written to it. */
    byte[] value();

    /**
     * To the learner of this task: a valid labeled record or spec keyed by its model id on the partition where Kafka's
     * default partitioner puts that key ({@link ModelPartitioning}), or one that crossed the by-model topic.
     *
     * @param example the labeled record decoded, when it has not crossed a topic since (so it is not decoded twice);
     *                null for a spec or a record read back from the by-model topic
     */
    record ToLearner(byte[] value, LabeledRecord example) implements Emission {}

    /** To the by-model repartition topic, then the learner of the model's task: any other valid record or spec. */
    record ToByModel(byte[] value) implements Emission {}

    /** To the dead-letter topic: a {@code DeadLetter}. */
    record ToDeadLetters(byte[] value) implements Emission {}

    /** To posterior-snapshots: a {@code PosteriorSnapshot}. */
    record ToSnapshots(byte[] value) implements Emission {}

    /** To training-metrics: a {@code TrainingMetrics}. */
    record ToMetrics(byte[] value) implements Emission {}
}
