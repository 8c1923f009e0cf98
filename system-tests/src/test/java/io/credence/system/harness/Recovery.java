package io.credence.system.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long an app took to work again after each fault, read from its committed output afterwards: the time from the
 * fault to the first committed output record stamped later (training-metrics' timeMillis, predictions' scoredAt),
 * which only the next instance can have written.
 */
public final class Recovery {

    private Recovery() {}

    /**
     * The recovery time of each fault, in order.
     *
     * @param faults      when each fault happened
     * @param outputTimes wall-clock times stamped on the committed output records
     * @throws AssertionError if no output follows some fault
     */
    public static List<Duration> after(List<Instant> faults, List<Instant> outputTimes) {
        List<Duration> recoveries = new ArrayList<>(faults.size());
        for (Instant fault : faults) {
            Instant next = outputTimes.stream().filter(t -> t.isAfter(fault)).min(Instant::compareTo)
                    .orElseThrow(() -> new AssertionError("no committed output after the fault at " + fault));
            recoveries.add(Duration.between(fault, next));
        }
        return recoveries;
    }

    /** "min / median / max s" of {@code durations}. */
    public static String summary(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return String.format("%.1f / %.1f / %.1f s (min / median / max of %d)", seconds(sorted.get(0)),
                seconds(sorted.get(sorted.size() / 2)), seconds(sorted.get(sorted.size() - 1)), sorted.size());
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
