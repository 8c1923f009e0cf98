/**
 * JMH kernels of the core hot paths ({@code java -jar bench/target/benchmarks.jar}): one SVI step, one Monte Carlo
 * predictive call, and the fixed per-call cost of ND4J that dominates both at small shapes. Defaults are short
 * (one fork, two warm-up and three measured one-second iterations); pass JMH's own options for longer runs.
 */
package io.credence.bench.jmh;
