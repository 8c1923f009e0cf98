package io.credence.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link E2eBench} measures, with what sizes, and where it writes. {@link #fullRun()} is the full run,
 * {@link #quickRun()} the short one; {@link E2eCommand} applies command-line options to either.
 *
 * @param quick           short run
 * @param seed            seed of every generated record and posterior
 * @param repetitions     repetitions of the trainer and scorer headline figures (each paired with its pass-through)
 * @param warmup          run the trainer and the scorer once, unmeasured, before the headline figures (JIT compilation)
 * @param trainerRecords  labeled records per trainer headline measurement
 * @param scorerRecords   feature records per scorer measurement
 * @param sweepRecords    records per scaling-sweep measurement (rounded up to whole batches of every model)
 * @param trainerBatches  trainer mini-batch sizes of the headline figures
 * @param guarantees      processing guarantees of the trainer headline figures
 * @param scoreSamples    Monte Carlo sample counts S of the scorer figures
 * @param scoreBatch      scorer micro-batch size (and the reference's --score-batch)
 * @param modelCounts     model counts of the models sweep (batch 32)
 * @param hiddenSizes     hidden widths of the hidden-size sweep (batch 256)
 * @param parallelism     partitions x threads of the parallelism sweep
 * @param partitions      partitions of the headline, latency, memory, models and hidden measurements
 * @param predictRequests measured POST /predict requests (after as many warm-up requests, at most 500)
 * @param snapshotSwaps   snapshot versions published for the snapshot-to-first-use latency
 * @param parts           what to run
 * @param timeout         longest time one app may take to start, or to finish its input
 * @param reference       the PyTorch reference script, or null to look in the usual places
 * @param json            where to write the figures as JSON, or null
 * @param markdown        the report to merge the e2e section into, or null
 * @param logs            directory of the child JVMs' logs
 * @param registryUrl     the schema registry of the registry part, or null for a stand-in started in this JVM
 */
public record E2eOptions(boolean quick, long seed, int repetitions, boolean warmup, int trainerRecords, int scorerRecords, int sweepRecords,
                         List<Integer> trainerBatches, List<Guarantee> guarantees, List<Integer> scoreSamples, int scoreBatch,
                         List<Integer> modelCounts, List<Integer> hiddenSizes, List<Parallelism> parallelism, int partitions,
                         int predictRequests, int snapshotSwaps, Set<E2ePart> parts, Duration timeout,
                         Path reference, Path json, Path markdown, Path logs, String registryUrl) {

    /** Default seed. */
    public static final long SEED = 20240611L;
    /**
     * Partitions of every topic and Kafka Streams threads of each app.
     *
     * @param partitions partitions
     * @param threads    num.stream.threads
     */
    public record Parallelism(int partitions, int threads) {
        /** e.g. {@code 3x2}: 3 partitions, 2 threads. */
        public static Parallelism parse(String text) {
            String[] pt = text.trim().split("x");
            if (pt.length != 2) throw new IllegalArgumentException("parallelism is PARTITIONSxTHREADS, e.g. 3x2, got " + text);
            return new Parallelism(Integer.parseInt(pt[0]), Integer.parseInt(pt[1]));
        }
    }

    public E2eOptions {
        trainerBatches = List.copyOf(trainerBatches);
        guarantees = List.copyOf(guarantees);
        scoreSamples = List.copyOf(scoreSamples);
        modelCounts = List.copyOf(modelCounts);
        hiddenSizes = List.copyOf(hiddenSizes);
        parallelism = List.copyOf(parallelism);
        parts = parts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parts));
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        if (trainerRecords < 1 || scorerRecords < 1 || sweepRecords < 1) throw new IllegalArgumentException("record counts must be >= 1");
        if (scoreBatch < 1 || partitions < 1 || predictRequests < 1 || snapshotSwaps < 1) {
            throw new IllegalArgumentException("score batch, partitions, requests and swaps must be >= 1");
        }
    }

    /** The full run: every part but the registry's (run alone, it has its own report section), 3 repetitions of the headline figures (about 16 minutes on a quiet 2-core machine). */
    public static E2eOptions fullRun() {
        return new E2eOptions(false, SEED, 3, true, 2_048_000, 100_000, 81_920, List.of(32, 256),
                List.of(Guarantee.EXACTLY_ONCE, Guarantee.AT_LEAST_ONCE), List.of(10, 100), 64,
                List.of(1, 10, 100, 1000), List.of(50, 200, 512),
                List.of(new Parallelism(1, 1), new Parallelism(3, 1), new Parallelism(3, 2), new Parallelism(6, 2)), 3,
                2000, 5, EnumSet.complementOf(EnumSet.of(E2ePart.REGISTRY)), Duration.ofMinutes(5), null, null, Path.of("docs", "benchmarks.md"),
                Path.of("target", "e2e-logs"), null);
    }

    /** The quick run: trainer (exactly-once, batch 256), scorer (S = 100) and latency, once each, small inputs, no warm-up. */
    public static E2eOptions quickRun() {
        return new E2eOptions(true, SEED, 1, false, 10_240, 5_000, 4_096, List.of(256), List.of(Guarantee.EXACTLY_ONCE),
                List.of(100), 64, List.of(1, 10), List.of(50, 200), List.of(new Parallelism(3, 1)), 3, 500, 3,
                EnumSet.of(E2ePart.TRAINER, E2ePart.SCORER, E2ePart.LATENCY), Duration.ofMinutes(2), null, null, null,
                Path.of("target", "e2e-logs"), null);
    }

    /** Whether the registry part runs alone (its figures then have their own report section). */
    public boolean registryOnly() {
        return parts.equals(Set.of(E2ePart.REGISTRY));
    }

    /** Whether {@code part} is to run. */
    public boolean runs(E2ePart part) {
        return parts.contains(part);
    }

    /** The options as command-line arguments that reproduce them (for the report). */
    public String asArguments() {
        return String.join(" ", List.of(quick ? "--quick" : "", "--only", String.join(",", parts.stream().sorted().map(p -> p.name().toLowerCase(Locale.ROOT)).toList()),
                "--seed", String.valueOf(seed), "--repetitions", String.valueOf(repetitions), warmup ? "--warmup" : "--no-warmup",
                "--trainer-records", String.valueOf(trainerRecords), "--scorer-records", String.valueOf(scorerRecords),
                "--sweep-records", String.valueOf(sweepRecords), "--batches", join(trainerBatches),
                "--guarantees", String.join(",", guarantees.stream().map(Guarantee::shortName).toList()),
                "--samples", join(scoreSamples), "--score-batch", String.valueOf(scoreBatch), "--models", join(modelCounts),
                "--hidden", join(hiddenSizes), "--parallelism", String.join(",", parallelism.stream().map(p -> p.partitions() + "x" + p.threads()).toList()),
                "--partitions", String.valueOf(partitions), "--requests", String.valueOf(predictRequests),
                "--swaps", String.valueOf(snapshotSwaps), registryUrl == null ? "" : "--registry-url " + registryUrl).stream().filter(s -> !s.isEmpty()).toList());
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
