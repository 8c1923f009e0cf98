/**
 * End-to-end benchmarks through a real Kafka broker: trainer and scorer throughput, each against a Kafka Streams
 * pass-through topology measured in the same run ({@link io.credence.bench.e2e.PassThroughTopology}); POST /predict and
 * snapshot-to-first-use latency; resident memory of the apps in child JVMs; scaling sweeps; and the soak run
 * ({@link io.credence.bench.e2e.Soak}). {@link io.credence.bench.e2e.E2eBench} and {@link io.credence.bench.e2e.Soak} are
 * what {@code credence bench e2e} and {@code credence bench soak} run.
 */
package io.credence.bench.e2e;
