package io.credence.trainer.processor;

/** Where the topology sends an {@link Emission}. */
public enum Destination {
    /** The by-model repartition topic, then the learner: a valid labeled record or model spec. */
    LEARNER,
    /** The dead-letter topic: a {@code DeadLetter}. */
    DEAD_LETTERS,
    /** posterior-snapshots: a {@code PosteriorSnapshot}. */
    SNAPSHOTS,
    /** training-metrics: a {@code TrainingMetrics}. */
    METRICS
}
