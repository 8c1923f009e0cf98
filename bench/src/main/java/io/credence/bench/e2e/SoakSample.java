package io.credence.bench.e2e;

import java.util.Locale;

/**
 * One second of a soak run.
 *
 * @param seconds           seconds since the input started
 * @param trainerRssMib     trainer resident memory, MiB
 * @param scorerRssMib      scorer resident memory, MiB
 * @param trainerLiveMib    trainer heap after its newest collection, MiB (NaN before the first)
 * @param scorerLiveMib     scorer heap after its newest collection, MiB (NaN before the first)
 * @param trainerHeapMib    trainer heap committed at its newest collection, MiB (NaN before the first)
 * @param scorerHeapMib     scorer heap committed at its newest collection, MiB (NaN before the first)
 * @param trainerLag        trainer consumer-group lag, records
 * @param scorerLag         scorer consumer-group lag, records
 * @param predictions       predictions that became visible during this second
 * @param latencyP50Ms      median feature-record-to-visible-prediction latency of those predictions, ms (NaN if none)
 * @param latencyP99Ms      99th percentile of the same, ms
 * @param labeledSent       labeled records offered so far
 * @param featuresSent      feature records offered so far
 */
public record SoakSample(double seconds, double trainerRssMib, double scorerRssMib, double trainerLiveMib, double scorerLiveMib,
                         double trainerHeapMib, double scorerHeapMib, long trainerLag, long scorerLag, int predictions, double latencyP50Ms, double latencyP99Ms,
                         long labeledSent, long featuresSent) {
    /** The CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER = "seconds,trainer_rss_mib,scorer_rss_mib,trainer_live_heap_mib,scorer_live_heap_mib,"
            + "trainer_heap_committed_mib,scorer_heap_committed_mib,trainer_lag,scorer_lag,predictions,latency_p50_ms,latency_p99_ms,labeled_sent,features_sent";

    /** This sample as one CSV line. */
    public String csv() {
        return String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.0f,%.0f,%.0f,%.0f,%d,%d,%d,%.1f,%.1f,%d,%d", seconds, trainerRssMib,
                scorerRssMib, trainerLiveMib, scorerLiveMib, trainerHeapMib, scorerHeapMib, trainerLag, scorerLag, predictions, latencyP50Ms, latencyP99Ms, labeledSent, featuresSent);
    }
}
