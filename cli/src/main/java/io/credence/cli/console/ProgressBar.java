package io.credence.cli.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal ({@code label [#####.....]  45%  900/2000  3.1 s}, redrawn in place); when
 * the output is not a terminal (a log, CI), one plain line per 10% instead, so logs stay readable. Thread-safe.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawNanos;
    private int lastDecile = -1;
    private boolean finished;

    /**
     * A bar for {@code total} units of work.
     *
     * @param interactive redraw in place (a terminal) or print a line per 10% (anything else)
     */
    public ProgressBar(String label, long total, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on standard error that redraws in place when this JVM has a terminal. */
    public static ProgressBar onStderr(String label, long total) {
        return new ProgressBar(label, total, System.err, System.console() != null);
    }

    /** Sets the work done so far. */
    public synchronized void update(long doneSoFar) {
        done = Math.min(total, Math.max(0, doneSoFar));
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos >= REDRAW_NANOS || done == total) {
                lastDrawNanos = now;
                out.print("\r" + line());
                out.flush();
            }
        } else {
            int decile = (int) (10 * done / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.println(line());
            }
        }
    }

    /** Completes the bar (at whatever was reached) and ends its line. */
    public synchronized void finish() {
        if (finished) return;
        finished = true;
        if (interactive) {
            out.println("\r" + line());
        } else if (10 * done / total > lastDecile || lastDecile < 0) {
            out.println(line());
        }
        out.flush();
    }

    /** The current rendering, without carriage return. */
    public synchronized String line() {
        int filled = (int) (WIDTH * done / total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%-28s [%s%s] %3d%%  %d/%d  %.1f s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / total, done, total, seconds);
    }
}
