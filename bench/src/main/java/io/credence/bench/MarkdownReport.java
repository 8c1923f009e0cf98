package io.credence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark report (docs/benchmarks.md) as a document of named sections: each benchmark group owns the text between
 * {@code <!-- bench:ID -->} and {@code <!-- /bench:ID -->} and replaces only that on a new run, so groups written by
 * different tools (core, trainer, scorer, eval) and hand-written text outside the markers all survive.
 */
public final class MarkdownReport {
    static final String TITLE = "# Credence benchmarks\n\n"
            + "Generated sections are replaced by the next run of the tool that wrote them; text outside the markers is kept.\n";

    private MarkdownReport() {}

    /** Replaces (or appends) section {@code id} of {@code file} with {@code body}, creating the file if needed. */
    public static void merge(Path file, String id, String body) {
        try {
            String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : TITLE;
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, merge(old, id, body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    /** The document {@code doc} with section {@code id} replaced by (or appended as) {@code body}. */
    public static String merge(String doc, String id, String body) {
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) throw new IllegalArgumentException("section id must be lower-case [a-z0-9.-], got " + id);
        String open = "<!-- bench:" + id + " -->";
        String close = "<!-- /bench:" + id + " -->";
        String section = open + "\n" + body.strip() + "\n" + close;
        int start = doc.indexOf(open);
        if (start >= 0) {
            int end = doc.indexOf(close, start);
            if (end < 0) throw new IllegalArgumentException("section " + id + " is opened but never closed");
            return doc.substring(0, start) + section + doc.substring(end + close.length());
        }
        String base = doc.endsWith("\n") ? doc : doc + "\n";
        return base + "\n" + section + "\n";
    }
}
