/**
 * The {@code bench} command's engine: {@link io.credence.bench.BenchRunner} (the API the CLI calls),
 * {@link io.credence.bench.BenchMain} (its standalone command line), the PyTorch reference runner, figures, and the
 * JSON and markdown reports (docs/benchmarks.md, merged section by section).
 */
package io.credence.bench;
