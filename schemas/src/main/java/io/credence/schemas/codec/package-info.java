/**
 * The one bridge between Avro records ({@code io.credence.avro}) and bnn-core objects: specs
 * ({@link io.credence.schemas.codec.ModelSpecCodec}, and {@link io.credence.schemas.codec.ModelSpecJson} for
 * spec.json files), posteriors and learner checkpoints, tensors, metrics, predictions and dead letters. Core defaults
 * are never repeated here; invalid input fails with an {@link java.lang.IllegalArgumentException} that names the model.
 */
package io.credence.schemas.codec;
