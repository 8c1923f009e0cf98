package io.credence.scorer.config;

/** What the scorer does with a feature record for a model that has no snapshot yet. */
public enum NoModelPolicy {
    /** Keep it in the bounded pending buffer and score it as soon as the model's first snapshot arrives. */
    WAIT,
    /** Dead-letter it at once with error class UNKNOWN_MODEL. */
    DLQ
}
