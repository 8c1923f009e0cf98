/**
 * The scorer's processors: {@link io.credence.scorer.processor.SnapshotLoader} keeps each model's newest snapshot in
 * the predictor cache, {@link io.credence.scorer.processor.ScoringProcessor} scores feature records in exactly-once
 * micro-batches and emits a {@link io.credence.scorer.processor.ScorerOutput}: a prediction or a dead letter.
 */
package io.credence.scorer.processor;
