/**
 * The drift scenario: a regression stream whose target function changes half-way, learned in process by bnn-core's
 * {@link io.credence.bnn.inference.OnlineLearner} under each streaming setting (posterior-as-prior with and without
 * tempering, a fixed effective data size), reporting prequential NLL over time, the records needed to recover after
 * the change, and the NLL of the same setting on a stream without the change. {@link io.credence.bench.drift.DriftBench}
 * runs it and recommends a default.
 */
package io.credence.bench.drift;
