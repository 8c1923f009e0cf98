package io.credence.trainer.processor;

/** Where the topology sends an {@link Emission}. */
public enum Destination {
    /**
     * The learner in this task: a valid labeled record or model spec keyed by its model id on the partition where
     * Kafka's default partitioner puts that key ({@link ModelPartitioning}), so this task holds its model.
     */
    LEARNER,
    /** The by-model repartition topic, then the learner of the model's task: any other valid record or spec. */
    BY_MODEL,
    /** The dead-letter topic: a {@code DeadLetter}. */
    DEAD_LETTERS,
    /** posterior-snapshots: a {@code PosteriorSnapshot}. */
    SNAPSHOTS,
    /** training-metrics: a {@code TrainingMetrics}. */
    METRICS
}
