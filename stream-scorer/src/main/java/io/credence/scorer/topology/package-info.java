/**
 * The Kafka Streams topology of the scorer as one build function ({@link io.credence.scorer.topology.ScorerTopology#build}):
 * its stores, sources, processors and sinks; the processors themselves are in {@link io.credence.scorer.processor}.
 */
package io.credence.scorer.topology;
