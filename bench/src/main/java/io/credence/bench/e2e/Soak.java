package io.credence.bench.e2e;

import io.credence.avro.Prediction;
import io.credence.bench.BenchCli;
import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.kit.ChildApp;
import io.credence.kit.PacedFeeder;
import io.credence.kit.RecordFeed;
import io.credence.kit.ScratchDir;
import io.credence.kit.TopicTail;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.scorer.ScorerApplication;
import io.credence.trainer.TrainerApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak run ({@code credence bench soak MINUTES}, not part of the build): a trainer and a scorer in child JVMs on
 * an embedded broker, fed at a fixed rate for MINUTES (the trainer's snapshots reach the scorer as in production), with
 * every second's resident memory, consumer lag and prediction latency written to {@code soak.csv}, and a verdict
 * ({@link SoakVerdict}) written to {@code soak-summary.md}.
 */
public final class Soak {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private Soak() {}

    /** Standalone: {@code Soak MINUTES [options]} runs {@code credence bench soak MINUTES [options]} ({@link SoakCommand}). */
    public static void main(String[] args) {
        BenchCli.exit(LaunchCommand.of(Soak.class, args), BenchCli.command("bench soak", args));
    }

    /**
     * Runs the soak.
     *
     * @param invokedAs the command line as typed, printed and recorded in the summary
     * @param out       progress lines
     */
    public static SoakVerdict run(SoakOptions options, String invokedAs, PrintStream out) throws InterruptedException {
        out.println("command: " + invokedAs);
        out.println("soak: " + options.asArguments());
        try {
            Files.createDirectories(options.out());
            Files.createDirectories(options.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.out() + " or " + options.logs(), e);
        }
        Path csv = options.out().resolve("soak.csv");
        List<SoakSample> samples = new ArrayList<>();
        StreamsShape shape = new StreamsShape(Guarantee.EXACTLY_ONCE, options.partitions(), 1);
        Pipeline p = new Pipeline("soak-", options.partitions());
        try (ScratchDir scratch = ScratchDir.create("credence-soak-");
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            p.create(admin);
            var trainerConfig = p.trainer(bootstrap, scratch.path().resolve("trainer"), shape, TrainerThroughput.FEATURES, List.of(50), 32);
            var scorerConfig = p.scorer(bootstrap, scratch.path().resolve("scorer"), shape, 64);
            StreamLatency latency = new StreamLatency();
            GcLog trainerGc = new GcLog(options.logs().toAbsolutePath().resolve("trainer-gc.log"));
            GcLog scorerGc = new GcLog(options.logs().toAbsolutePath().resolve("scorer-gc.log"));
            try (TopicTail predictions = new TopicTail(bootstrap, p.topics().predictions(), true, latency);
                 ChildApp trainer = LauncherSettings.start("trainer", TrainerApplication.class, trainerConfig,
                         options.logs().resolve("trainer.log"), options.heap(), trainerGc);
                 ChildApp scorer = LauncherSettings.start("scorer", ScorerApplication.class, scorerConfig,
                         options.logs().resolve("scorer.log"), options.heap(), scorerGc);
                 RecordFeed feed = new RecordFeed(bootstrap);
                 BufferedWriter lines = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                trainer.awaitHealthy(START_TIMEOUT);
                scorer.awaitHealthy(START_TIMEOUT);
                out.printf(Locale.ROOT, "trainer pid %d, scorer pid %d; offering %.0f labeled + %.0f feature records/s over %d models for %.1f min%n",
                        trainer.pid(), scorer.pid(), options.labeledRate(), options.featureRate(), options.models(), options.minutes());
                lines.write(SoakSample.CSV_HEADER);
                lines.newLine();
                RowSource labeledRows = new RowSource(TrainerThroughput.FEATURES, options.seed());
                RowSource featureRows = new RowSource(TrainerThroughput.FEATURES, options.seed() + 1);
                try (PacedFeeder labeled = PacedFeeder.atRate("soak-labeled", options.labeledRate(), i -> feed.send(p.topics().labeledRecords(), "r" + i,
                             InputFeed.labeled(InputFeed.modelId((int) (i % options.models())), "r" + i, labeledRows, System.currentTimeMillis())));
                     PacedFeeder features = PacedFeeder.atRate("soak-features", options.featureRate(), i -> feed.send(p.topics().featureRecords(), "q" + i,
                             InputFeed.feature(InputFeed.modelId((int) (i % options.models())), "q" + i, featureRows, System.currentTimeMillis())))) {
                    long start = System.nanoTime();
                    long seconds = Math.round(options.minutes() * 60);
                    for (long k = 1; k <= seconds; k++) {
                        long due = start + k * 1_000_000_000L;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) LockSupport.parkNanos(wait);
                        labeled.check();
                        features.check();
                        predictions.check();
                        Latencies second = Latencies.of(latency.drain());
                        SoakSample s = new SoakSample((System.nanoTime() - start) / 1e9, ResidentMemory.of(trainer).residentMib(),
                                ResidentMemory.of(scorer).residentMib(), trainerGc.liveMib(), scorerGc.liveMib(),
                                trainerGc.committedMib(), scorerGc.committedMib(),
                                ConsumerLag.of(admin, p.trainerApplicationId()),
                                ConsumerLag.of(admin, p.scorerApplicationId()), second.count(), second.p50(), second.p99(),
                                labeled.sent(), features.sent());
                        samples.add(s);
                        lines.write(s.csv());
                        lines.newLine();
                        lines.flush();
                        if (k % 10 == 0) {
                            out.printf(Locale.ROOT, "  %5.0f s  RSS trainer %6.1f scorer %6.1f MiB  live heap trainer %4.0f scorer %4.0f MiB  "
                                            + "lag trainer %5d scorer %5d  latency p50 %6.1f p99 %6.1f ms%n",
                                    s.seconds(), s.trainerRssMib(), s.scorerRssMib(), s.trainerLiveMib(), s.scorerLiveMib(),
                                    s.trainerLag(), s.scorerLag(), s.latencyP50Ms(), s.latencyP99Ms());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + csv, e);
            }
        }
        SoakVerdict verdict = SoakVerdict.of(samples, options);
        Path summary = options.out().resolve("soak-summary.md");
        try {
            Files.writeString(summary, summary(options, invokedAs, samples, verdict), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + summary, e);
        }
        verdict.checks().forEach(r -> out.println("  " + r));
        out.printf(Locale.ROOT, "soak %s (seed %d): %s and %s%n", verdict.passed() ? "PASSED" : "FAILED", options.seed(), csv, summary);
        return verdict;
    }

    private static String summary(SoakOptions o, String invokedAs, List<SoakSample> samples, SoakVerdict v) {
        StringBuilder md = new StringBuilder();
        md.append("# Soak run\n\n").append("Run ").append(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)).append(" UTC with\n\n    ")
                .append(invokedAs).append("\n\n");
        md.append(String.format(Locale.ROOT, "A trainer (13-50-1, batch 32, exactly-once) and a scorer (exactly-once, S from the "
                        + "trainer's snapshots) in child JVMs (-Xmx%s, GC logs for the live heap) on an embedded broker, %d partitions; "
                        + "%.0f labeled and %.0f feature records/s over %d models for %.1f min, seed %d. Per-second samples in "
                        + "`soak.csv`. Judged on the second half (%d samples).\n\n", o.heap(), o.partitions(), o.labeledRate(),
                o.featureRate(), o.models(), o.minutes(), o.seed(), samples.size() - samples.size() / 2));
        md.append("**Verdict: ").append(v.passed() ? "passed" : "FAILED").append("**\n\n");
        for (String r : v.checks()) md.append("- ").append(r).append('\n');
        SoakSample first = samples.get(0), last = samples.get(samples.size() - 1);
        List<SoakSample> second = samples.subList(samples.size() / 2, samples.size());
        md.append(String.format(Locale.ROOT, "%n| | trainer | scorer |%n| --- | ---: | ---: |%n"
                        + "| RSS first second, MiB | %.1f | %.1f |%n| RSS last second, MiB | %.1f | %.1f |%n"
                        + "| RSS slope, second half, MiB/min | %.2f | %.2f |%n"
                        + "| live heap last second, MiB | %.0f | %.0f |%n| live-heap slope, second half, MiB/min | %.2f | %.2f |%n"
                        + "| committed heap slope, second half, MiB/min (RSS growth the JVM's heap sizing explains) | %.2f | %.2f |%n"
                        + "| lag max, second half, records | %d | %d |%n"
                        + "| lag slope, second half, records/min | %.1f | %.1f |%n",
                first.trainerRssMib(), first.scorerRssMib(), last.trainerRssMib(), last.scorerRssMib(), v.trainerRssSlope(),
                v.scorerRssSlope(), last.trainerLiveMib(), last.scorerLiveMib(), v.trainerLiveSlope(), v.scorerLiveSlope(),
                SoakVerdict.slopePerMinute(second, SoakSample::trainerHeapMib), SoakVerdict.slopePerMinute(second, SoakSample::scorerHeapMib),
                v.trainerLagMax(), v.scorerLagMax(), v.trainerLagSlope(), v.scorerLagSlope()));
        md.append(String.format(Locale.ROOT, "%nFeature record to visible prediction (read_committed), second half: median of the "
                + "per-second p99 %.1f ms, worst per-second p99 %.1f ms.%n", v.latencyP99Median(), v.latencyP99Max()));
        return md.toString();
    }

    /** Feature-record-to-visible-prediction latencies of the predictions seen since the last {@link #drain}. */
    private static final class StreamLatency implements TopicTail.Handler {
        private final List<Double> millis = new ArrayList<>();

        @Override
        public synchronized void accept(ConsumerRecord<byte[], byte[]> record, long observedNanos) {
            try {
                Prediction p = AvroCodecs.prediction().decode(record.value());
                millis.add((double) (System.currentTimeMillis() - p.getEventTime().toEpochMilli()));
            } catch (DecodeException e) {
                throw new IllegalStateException("a prediction does not decode: " + e.getMessage(), e);
            }
        }

        synchronized double[] drain() {
            double[] out = millis.stream().mapToDouble(Double::doubleValue).toArray();
            millis.clear();
            return out;
        }
    }
}
