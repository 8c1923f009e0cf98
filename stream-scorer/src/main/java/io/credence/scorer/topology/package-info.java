/**
 * The Kafka Streams topology of the scorer ({@link io.credence.scorer.topology.ScorerTopology#build}): the global
 * snapshot table that feeds the predictor cache, and the micro-batching, exactly-once scoring processor.
 */
package io.credence.scorer.topology;
