package io.credence.bench;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --markdown FILE | --no-markdown}: the markdown report a benchmark merges its section into, or none; neither
 * given, the benchmark's default applies (a mixin of the benchmarks' commands).
 */
public final class MarkdownOption {
    @Option(names = "--markdown", paramLabel = "FILE", description = "Merge the report section into FILE (text outside the section is kept).")
    Path file;

    @Option(names = "--no-markdown", description = "Write no report.")
    boolean none;

    /** The report file asked for, or {@code otherwise} when neither option was given. */
    public Path or(Path otherwise) {
        if (none && file != null) throw new IllegalArgumentException("--markdown and --no-markdown exclude each other");
        return none ? null : file != null ? file : otherwise;
    }
}
