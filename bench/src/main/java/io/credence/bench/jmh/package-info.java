/**
 * JMH kernels of the core hot paths ({@code java -jar bench/target/benchmarks.jar}): one SVI step and one Monte Carlo
 * predictive call. Defaults are short
 * (one fork, two warm-up and three measured one-second iterations); pass JMH's own options for longer runs.
 */
package io.credence.bench.jmh;
