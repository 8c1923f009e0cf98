/**
 * The {@code credence bench} and {@code credence eval} command line ({@link io.credence.bench.BenchCli}, picocli:
 * {@link io.credence.bench.BenchCommand} and a subcommand per benchmark group), the core benchmark's engine
 * ({@link io.credence.bench.BenchRunner}, standalone main {@link io.credence.bench.BenchMain}), the PyTorch reference
 * runner, figures, and the JSON and markdown reports (docs/benchmarks.md, merged section by section).
 */
package io.credence.bench;
