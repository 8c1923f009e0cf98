/**
 * {@code credence demo}: the seed workloads (sin with a gap, two moons), the in-JVM stack (broker, trainer, scorer),
 * the run that streams, trains and scores through Kafka, and its pictures, report and metrics.
 */
package io.credence.cli.demo;
