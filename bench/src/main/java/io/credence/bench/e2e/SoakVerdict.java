package io.credence.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak run was stable, judged on its second half (the first half lets the JVMs, caches and RocksDB reach
 * their working size): no growth trend in either app's resident memory or live heap (least-squares slopes under the
 * limit), and consumer lag bounded (its largest value under the limit).
 *
 * @param trainerRssSlope  trainer resident-memory slope, MiB/min
 * @param scorerRssSlope   scorer resident-memory slope, MiB/min
 * @param trainerLiveSlope trainer live-heap (after GC) slope, MiB/min
 * @param scorerLiveSlope  scorer live-heap slope, MiB/min
 * @param trainerLagMax    largest trainer lag, records
 * @param scorerLagMax     largest scorer lag, records
 * @param trainerLagSlope  trainer lag slope, records/min (for information)
 * @param scorerLagSlope   scorer lag slope, records/min (for information)
 * @param latencyP99Median median of the per-second p99 latencies, ms
 * @param latencyP99Max    largest per-second p99 latency, ms
 * @param passed           every check passed
 * @param checks           one line per check, with its value and limit
 */
public record SoakVerdict(double trainerRssSlope, double scorerRssSlope, double trainerLiveSlope, double scorerLiveSlope,
                          long trainerLagMax, long scorerLagMax, double trainerLagSlope, double scorerLagSlope,
                          double latencyP99Median, double latencyP99Max, boolean passed, List<String> checks) {

    /** The verdict on {@code samples} under the limits of {@code options}. */
    public static SoakVerdict of(List<SoakSample> samples, SoakOptions options) {
        if (samples.size() < 4) throw new IllegalArgumentException("a verdict needs at least 4 samples, got " + samples.size());
        List<SoakSample> half = samples.subList(samples.size() / 2, samples.size());
        double tRss = slopePerMinute(half, SoakSample::trainerRssMib);
        double sRss = slopePerMinute(half, SoakSample::scorerRssMib);
        double tLive = slopePerMinute(half, SoakSample::trainerLiveMib);
        double sLive = slopePerMinute(half, SoakSample::scorerLiveMib);
        long tLag = half.stream().mapToLong(SoakSample::trainerLag).max().orElseThrow();
        long sLag = half.stream().mapToLong(SoakSample::scorerLag).max().orElseThrow();
        Latencies p99s = Latencies.of(half.stream().mapToDouble(SoakSample::latencyP99Ms).filter(Double::isFinite).toArray());
        double limit = options.memorySlopeLimit();
        List<String> checks = new ArrayList<>();
        boolean passed = check(checks, "trainer RSS slope", tRss, limit, "MiB/min")
                & check(checks, "scorer RSS slope", sRss, limit, "MiB/min")
                & check(checks, "trainer live-heap slope", tLive, limit, "MiB/min")
                & check(checks, "scorer live-heap slope", sLive, limit, "MiB/min")
                & check(checks, "trainer lag max", tLag, options.trainerLagLimit(), "records")
                & check(checks, "scorer lag max", sLag, options.scorerLagLimit(), "records");
        return new SoakVerdict(tRss, sRss, tLive, sLive, tLag, sLag, slopePerMinute(half, s -> s.trainerLag()),
                slopePerMinute(half, s -> s.scorerLag()), p99s.p50(), p99s.max(), passed, List.copyOf(checks));
    }

    /** Adds the line of one check; a NaN value (no garbage collection in the window) fails it. */
    private static boolean check(List<String> checks, String what, double value, double limit, String unit) {
        boolean ok = value <= limit;
        checks.add(String.format(Locale.ROOT, "%s %s: %.2f %s (limit %.2f)", ok ? "ok  " : "FAIL", what, value, unit, limit));
        return ok;
    }

    /** Least-squares slope of {@code y} against time, per minute, over the samples where {@code y} is finite. */
    static double slopePerMinute(List<SoakSample> samples, ToDoubleFunction<SoakSample> y) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (SoakSample s : samples) {
            double x = s.seconds() / 60, v = y.applyAsDouble(s);
            if (!Double.isFinite(v)) continue;
            n++; sx += x; sy += v; sxx += x * x; sxy += x * v;
        }
        double denominator = n * sxx - sx * sx;
        return n < 2 || denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
    }
}
