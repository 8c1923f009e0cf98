package io.credence.bench.e2e;

import java.util.Arrays;

/**
 * Order statistics of a set of latencies, in milliseconds (nearest-rank percentiles).
 *
 * @param count observations
 * @param p50   median, ms
 * @param p99   99th percentile, ms
 * @param max   largest, ms
 */
public record Latencies(int count, double p50, double p99, double max) {

    /** The statistics of {@code millis} (not modified); NaN everywhere when it is empty. */
    public static Latencies of(double[] millis) {
        if (millis.length == 0) return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        double[] s = millis.clone();
        Arrays.sort(s);
        return new Latencies(s.length, rank(s, 0.50), rank(s, 0.99), s[s.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
