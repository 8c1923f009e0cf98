/**
 * The trainer's Kafka Streams processors: decoders that turn raw input bytes into routed values or dead letters, and
 * the learner that buffers, trains and snapshots every model of its task.
 */
package io.credence.trainer.processor;
