package io.credence.bench.e2e;

import io.credence.kit.ChildApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from {@code /proc/PID/status} (Linux): what the operating system actually holds for
 * it, heap, RocksDB, thread stacks and code together.
 *
 * @param residentKib VmRSS, KiB
 * @param peakKib     VmHWM, the largest VmRSS so far, KiB
 */
public record ResidentMemory(long residentKib, long peakKib) {

    /** The current figures of process {@code pid}. */
    public static ResidentMemory of(long pid) {
        try {
            long rss = -1, hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) rss = kib(line);
                if (line.startsWith("VmHWM:")) hwm = kib(line);
            }
            if (rss < 0 || hwm < 0) throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS/VmHWM");
            return new ResidentMemory(rss, hwm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of process " + pid + " (not Linux, or it exited)", e);
        }
    }

    /**
     * The current figures of {@code app}.
     *
     * @throws IllegalStateException when it has exited
     */
    public static ResidentMemory of(ChildApp app) {
        app.requireAlive();
        return of(app.pid());
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    public double residentMib() { return residentKib / 1024.0; }
    public double peakMib() { return peakKib / 1024.0; }
}
