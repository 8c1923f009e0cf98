package io.credence.bench.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a child JVM's unified GC log ({@code -Xlog:gc:file=...}) for the live heap: the occupancy right after the
 * newest collection, which, unlike resident memory, does not grow while the JVM merely expands its heap toward -Xmx.
 * A rising live heap under constant load is a leak.
 */
public final class GcLog {
    /** {@code 24M->5M(256M)}: before, after and committed heap of one collection. */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private final Path file;
    private long offset;
    private double liveMib = Double.NaN;
    private double committedMib = Double.NaN;

    public GcLog(Path file) {
        this.file = file;
    }

    /** The JVM option that writes this log. */
    public String option() {
        return "-Xlog:gc:file=" + file;
    }

    /** Reads what the JVM appended since the last call; returns the heap after the newest collection, MiB (NaN before any). */
    public double liveMib() {
        if (!Files.exists(file)) return liveMib;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= offset) return liveMib;
            in.seek(offset);
            byte[] appended = new byte[(int) (in.length() - offset)];
            in.readFully(appended);
            String text = new String(appended, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1; // a line still being written waits for the next call
            offset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
            for (String line : text.substring(0, complete).split("\n")) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    liveMib = Double.parseDouble(m.group(2));
                    committedMib = Double.parseDouble(m.group(3));
                }
            }
            return liveMib;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
    }

    /** Heap committed at the newest collection, MiB (NaN before any). */
    public double committedMib() {
        return committedMib;
    }
}
