package io.credence.bench;

import java.nio.file.Path;

/**
 * What {@link BenchRunner} runs and where it writes. {@link #defaults()} is the full run, {@link #quickRun()} the short
 * one ({@code credence bench --quick}, under two minutes on two cores).
 *
 * @param quick         short run: fewer rows, one repetition, no two-thread reference
 * @param repetitions   measured repetitions per figure (each Credence run paired with a reference run)
 * @param rows          synthetic rows per configuration (90% train, 10% test), as the reference's {@code --synthetic N}
 * @param seed          seed of the data, the initial weights and every draw
 * @param twoThreadReference also run the reference with two torch threads (for information)
 * @param reference     the reference script, or null to look in the usual places ({@link ReferenceRunner#locate})
 * @param json          where to write the figures as JSON, or null
 * @param markdown      the markdown report to merge a section into, or null
 */
public record BenchOptions(boolean quick, int repetitions, int rows, long seed, boolean twoThreadReference,
                           Path reference, Path json, Path markdown) {
    /** Default seed of every benchmark. */
    public static final long SEED = 20240611L;

    public BenchOptions {
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        if (rows < 2048) throw new IllegalArgumentException("rows must be >= 2048 (the test tenth spans two score batches), got " + rows);
    }

    /** The full run: 3 repetitions of 40 000 rows, reference at one and two threads, report in docs/benchmarks.md. */
    public static BenchOptions defaults() {
        return new BenchOptions(false, 3, 40_000, SEED, true, null, null, Path.of("docs", "benchmarks.md"));
    }

    /** The quick run: one repetition of 20 000 rows, reference at one thread, no report unless asked. */
    public static BenchOptions quickRun() {
        return new BenchOptions(true, 1, 20_000, SEED, false, null, null, null);
    }

    /** The settings as the arguments of {@code credence bench core} that set them (its help lists the defaults so). */
    public String asArguments() {
        return "--repetitions " + repetitions + " --rows " + rows + " --seed " + seed + (reference == null ? "" : " --reference " + reference)
                + (json == null ? "" : " --json " + json) + (markdown == null ? " --no-markdown" : " --markdown " + markdown);
    }

    public BenchOptions withJson(Path file) {
        return new BenchOptions(quick, repetitions, rows, seed, twoThreadReference, reference, file, markdown);
    }

    public BenchOptions withMarkdown(Path file) {
        return new BenchOptions(quick, repetitions, rows, seed, twoThreadReference, reference, json, file);
    }

    public BenchOptions withReference(Path script) {
        return new BenchOptions(quick, repetitions, rows, seed, twoThreadReference, script, json, markdown);
    }

    public BenchOptions withRepetitions(int n) {
        return new BenchOptions(quick, n, rows, seed, twoThreadReference, reference, json, markdown);
    }

    public BenchOptions withRows(int n) {
        return new BenchOptions(quick, repetitions, n, seed, twoThreadReference, reference, json, markdown);
    }

    public BenchOptions withSeed(long s) {
        return new BenchOptions(quick, repetitions, rows, s, twoThreadReference, reference, json, markdown);
    }
}
