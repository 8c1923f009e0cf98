package io.credence.bench.e2e;

import io.credence.bench.BenchCli;
import io.credence.bench.Figure;
import io.credence.bench.FiguresJson;
import io.credence.bench.MachineFacts;
import io.credence.bench.MarkdownReport;
import io.credence.bench.ReferenceRunner;
import io.credence.bench.Sample;
import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.schemas.registry.ConfluentWireFormat;
import io.credence.schemas.registry.RegistrySettings;
import io.credence.schemas.registry.StandInRegistry;
import io.credence.scorer.ScorerApp;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The end-to-end benchmark: starts a real Kafka broker in this JVM and measures, as {@link E2eOptions} asks, trainer and
 * scorer throughput against a pass-through topology (and the scorer against the PyTorch reference) in the same run,
 * POST /predict and snapshot-to-first-use latency, resident memory, and how throughput grows with models, hidden width
 * and partitions/threads. Entry of {@code credence bench} and {@code credence bench e2e} ({@link #run}) and a standalone
 * main ({@link #main}).
 */
public final class E2eBench {
    /** Section of docs/benchmarks.md this benchmark owns. */
    public static final String SECTION = "e2e";
    /** Id of the report section of a run of the registry part alone ({@code --only registry}). */
    public static final String REGISTRY_SECTION = "e2e-registry";
    /** Monte Carlo draws of the latency measurements (the S = 100). */
    public static final int LATENCY_SAMPLES = 100;
    /** Exactly-once trainer throughput the project aims for, as a multiple of the pass-through's (batch 256). */
    public static final double TRAINER_TARGET = 0.5;
    /** Scorer throughput the project aims for at S = 100, as a multiple of the PyTorch reference's. */
    public static final double SCORER_REFERENCE_TARGET = 2.0;
    /** Registry mode may cost at most a tenth of the throughput of single-object encoding. */
    public static final double REGISTRY_TARGET = 0.9;
    private static final String RECORDS = "records/s";

    private final E2eOptions options;
    private final E2eContext context;
    private final ReferenceRunner reference;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> referenceCommands = new ArrayList<>();

    private E2eBench(E2eOptions options, E2eContext context, ReferenceRunner reference) {
        this.options = options;
        this.context = context;
        this.reference = reference;
    }

    /** Standalone: {@code E2eBench [options]} runs {@code credence bench e2e [options]} ({@link E2eCommand}). */
    public static void main(String[] args) {
        BenchCli.exit(LaunchCommand.of(E2eBench.class, args), BenchCli.command("bench e2e", args));
    }

    /**
     * Runs the benchmark.
     *
     * @param invokedAs the command line as typed, printed and recorded in the report
     * @param out       progress and the summary
     * @return every figure measured
     */
    public static List<Figure> run(E2eOptions options, String invokedAs, PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        MachineFacts machine = MachineFacts.current();
        out.println("command: " + invokedAs);
        out.printf(Locale.ROOT, "e2e bench: seed %d; %s%n  options: %s%n", options.seed(), machine.asMap(), options.asArguments());
        Optional<ReferenceRunner> reference = ReferenceRunner.locate(options.reference());
        out.println(reference.map(r -> "reference: " + r.script()).orElse("PyTorch reference not found: scorer figures without the reference ratio"));
        try {
            Files.createDirectories(options.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.logs(), e);
        }
        List<Figure> figures;
        List<String> commands;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
             E2eContext context = new E2eContext(broker.bootstrapServers(), options.seed(), options.timeout(), out)) {
            E2eBench bench = new E2eBench(options, context, reference.orElse(null));
            bench.measureAll();
            figures = List.copyOf(bench.figures);
            commands = List.copyOf(bench.referenceCommands);
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        out.println();
        for (Figure f : figures) out.println(E2eReport.line(f));
        out.printf(Locale.ROOT, "e2e bench took %.1f min (seed %d)%n", minutes, options.seed());
        if (options.json() != null) {
            FiguresJson.write(options.json(), figures);
            out.println("figures written to " + options.json());
        }
        if (options.markdown() != null) {
            MarkdownReport.merge(options.markdown(), options.registryOnly() ? REGISTRY_SECTION : SECTION, E2eReport.markdown(figures, options, invokedAs, machine, commands, minutes));
            out.println("section '" + (options.registryOnly() ? REGISTRY_SECTION : SECTION) + "' merged into " + options.markdown());
        }
        return figures;
    }

    private void measureAll() throws InterruptedException {
        if (options.warmup()) warmup();
        if (options.runs(E2ePart.TRAINER)) trainerHeadline();
        if (options.runs(E2ePart.SCORER)) scorerHeadline();
        if (options.runs(E2ePart.LATENCY)) latency();
        if (options.runs(E2ePart.MEMORY)) memory();
        if (options.runs(E2ePart.MODELS)) modelsSweep();
        if (options.runs(E2ePart.HIDDEN)) hiddenSweep();
        if (options.runs(E2ePart.PARALLELISM)) parallelismSweep();
        if (options.runs(E2ePart.REGISTRY)) registryCost();
    }

    /** One small unmeasured trainer and scorer run, so the first measured repetition does not pay for JIT compilation. */
    private void warmup() throws InterruptedException {
        context.log("warm-up (not measured)");
        StreamsShape shape = shape(Guarantee.EXACTLY_ONCE);
        new TrainerThroughput(context).measure(new TrainerThroughput.Case(1, List.of(50), 256, shape, 8192), false);
        new ScorerThroughput(context, null).measure(new ScorerThroughput.Case(1, List.of(50), LATENCY_SAMPLES, options.scoreBatch(), shape, 4096), false);
    }

    private StreamsShape shape(Guarantee g) {
        return new StreamsShape(g, options.partitions(), 1);
    }

    private void trainerHeadline() throws InterruptedException {
        context.log("trainer vs pass-through (%d repetition(s))", options.repetitions());
        TrainerThroughput bench = new TrainerThroughput(context);
        for (Guarantee g : options.guarantees()) {
            for (int batch : options.trainerBatches()) {
                var c = new TrainerThroughput.Case(1, List.of(50), batch, shape(g), options.trainerRecords());
                String name = "trainer." + g.shortName() + (batch == 256 ? "" : ".b" + batch) + ".vs_passthrough";
                Double target = g == Guarantee.EXACTLY_ONCE && batch == 256 ? TRAINER_TARGET : null;
                figures.add(trainerFigure(bench, c, options.repetitions(), name, target));
                if (target != null) {
                    var anyKey = new TrainerThroughput.Case(1, List.of(50), batch, shape(g), options.trainerRecords(), false);
                    figures.add(trainerFigure(bench, anyKey, options.repetitions(), "trainer." + g.shortName() + ".any_key.vs_passthrough", null));
                }
            }
        }
    }

    private Figure trainerFigure(TrainerThroughput bench, TrainerThroughput.Case c, int repetitions, String name, Double target)
            throws InterruptedException {
        double[] trainer = new double[repetitions], passThrough = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            TrainerThroughput.Result result = bench.measure(c, r % 2 == 1);
            trainer[r] = result.trainer();
            passThrough[r] = result.passThrough();
        }
        return Figure.against(name, Sample.of(trainer), Sample.of(passThrough), RECORDS, target,
                "labeled records trained per second, " + c.describe() + ", vs a Kafka Streams pass-through of the same topic");
    }

    private void scorerHeadline() throws InterruptedException {
        context.log("scorer vs pass-through and the PyTorch reference (%d repetition(s))", options.repetitions());
        for (int s : options.scoreSamples()) {
            var c = new ScorerThroughput.Case(1, List.of(50), s, options.scoreBatch(), shape(Guarantee.EXACTLY_ONCE), options.scorerRecords());
            scorerFigures(c, options.repetitions(), "scorer.s" + s, s == LATENCY_SAMPLES ? SCORER_REFERENCE_TARGET : null);
        }
    }

    private void scorerFigures(ScorerThroughput.Case c, int repetitions, String prefix, Double referenceTarget) throws InterruptedException {
        ScorerThroughput bench = new ScorerThroughput(context, reference);
        double[] scorer = new double[repetitions], passThrough = new double[repetitions], torch = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            ScorerThroughput.Result result = bench.measure(c, r % 2 == 1);
            scorer[r] = result.scorer();
            passThrough[r] = result.passThrough();
            torch[r] = result.reference();
        }
        figures.add(Figure.against(prefix + ".vs_passthrough", Sample.of(scorer), Sample.of(passThrough), "predictions/s", null,
                "predictions per second, " + c.describe() + ", vs a Kafka Streams pass-through of the same topic"));
        if (reference != null && Arrays.stream(torch).allMatch(Double::isFinite)) {
            String command = reference.commandLine(c.referenceArguments(context.seed()));
            referenceCommands.add(command);
            figures.add(Figure.against(prefix + ".vs_reference", Sample.of(scorer), Sample.of(torch), "predictions/s", referenceTarget,
                    "predictions per second through Kafka vs the PyTorch reference's in-memory scoring rate (" + command + ")"));
        }
    }

    private void latency() throws InterruptedException {
        context.log("latency: POST /predict (S = %d) and snapshot publish to first use", LATENCY_SAMPLES);
        StreamsShape shape = shape(Guarantee.EXACTLY_ONCE);
        Pipeline p = context.newPipeline(shape.partitions());
        TrainedPosterior posterior = TrainedPosterior.train(TrainerThroughput.FEATURES, List.of(50), LATENCY_SAMPLES, context.seed());
        try (InputFeed feed = new InputFeed(context.bootstrap())) {
            feed.snapshot(p.topics().posteriorSnapshots(), posterior.snapshot("m0", 1));
        }
        try (ScorerApp scorer = ScorerApp.start(p.scorer(context.bootstrap(), context.stateDir(p.prefix() + "scorer"), shape, options.scoreBatch()))) {
            scorer.awaitRunning(context.timeout());
            PredictLatency predict = new PredictLatency(scorer.url());
            RowSource rows = new RowSource(TrainerThroughput.FEATURES, context.seed());
            predict.awaitModel("m0", rows, context.timeout());
            Latencies http = predict.measure("m0", rows, Math.min(500, options.predictRequests()), options.predictRequests());
            context.log("  POST /predict one record, S=%d: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d requests",
                    LATENCY_SAMPLES, http.p50(), http.p99(), http.max(), http.count());
            String what = "POST /predict of one record at S = " + LATENCY_SAMPLES + " (13-50-1), sequential, keep-alive, "
                    + http.count() + " requests after warm-up";
            figures.add(Figure.alone("scorer.predict.p50_ms", Sample.of(http.p50()), "ms", "median latency of " + what));
            figures.add(Figure.alone("scorer.predict.p99_ms", Sample.of(http.p99()), "ms", "99th percentile latency of " + what + "; target < 10 ms"));
            Sample first = Sample.of(new SnapshotLatency(context).measure(p, "m0", posterior, 2, options.snapshotSwaps(),
                    shape.guarantee().transactional()));
            context.log("  snapshot publish -> first prediction with it: median %.0f ms, max %.0f ms over %d versions",
                    first.median(), first.max(), first.size());
            figures.add(Figure.alone("scorer.snapshot_to_first_use_ms", first, "ms",
                    "median time from publishing a new snapshot version to the first visible prediction made with it, over "
                            + first.size() + " versions, feature records streaming at " + (int) SnapshotLatency.FEED_RATE + "/s"));
        }
    }

    private void memory() throws InterruptedException {
        context.log("resident memory of trainer and scorer in child JVMs (-Xmx%s)", LauncherSettings.HEAP);
        int models = 10;
        AppMemory.Result m = new AppMemory(context, options.logs()).measure(models, options.sweepRecords(), shape(Guarantee.EXACTLY_ONCE));
        String after = " after " + options.sweepRecords() + " records of " + models + " models (13-50-1), child JVM with -Xmx"
                + LauncherSettings.HEAP + "; high = peak (VmHWM)";
        figures.add(new Figure("trainer.rss_mib", m.trainer().residentMib(), "MiB", null, null, m.trainer().residentMib(),
                m.trainer().peakMib(), null, null, null, "trainer resident memory (VmRSS)" + after));
        figures.add(new Figure("scorer.rss_mib", m.scorer().residentMib(), "MiB", null, null, m.scorer().residentMib(),
                m.scorer().peakMib(), null, null, null, "scorer resident memory (VmRSS)" + after));
    }

    private void modelsSweep() throws InterruptedException {
        context.log("trainer throughput vs number of models (13-50-1, batch 32, exactly-once)");
        TrainerThroughput bench = new TrainerThroughput(context);
        for (int models : options.modelCounts()) {
            var c = new TrainerThroughput.Case(models, List.of(50), 32, shape(Guarantee.EXACTLY_ONCE), options.sweepRecords());
            figures.add(trainerFigure(bench, c, 1, "trainer.models." + models + ".vs_passthrough", null));
        }
    }

    private void hiddenSweep() throws InterruptedException {
        context.log("trainer throughput vs hidden width (13-H-1, batch 256, exactly-once)");
        TrainerThroughput bench = new TrainerThroughput(context);
        for (int hidden : options.hiddenSizes()) {
            var c = new TrainerThroughput.Case(1, List.of(hidden), 256, shape(Guarantee.EXACTLY_ONCE), options.sweepRecords());
            figures.add(trainerFigure(bench, c, 1, "trainer.hidden." + hidden + ".vs_passthrough", null));
        }
        context.log("trainer throughput of a large model (13-512-512-1: 270,000 weights and biases, batch 256, exactly-once)");
        var large = new TrainerThroughput.Case(1, List.of(512, 512), 256, shape(Guarantee.EXACTLY_ONCE), options.sweepRecords());
        figures.add(trainerFigure(bench, large, 1, "trainer.large.vs_passthrough", null));
    }

    /**
     * The trainer (13-50-1, batch 256, exactly-once) and the scorer (S = 100) in registry mode (the Confluent wire
     * format, schemas resolved through a registry) against single-object encoding, alternating which runs first. The
     * registry is the one {@code --registry-url} names, else a stand-in of Confluent's REST API in this JVM.
     */
    private void registryCost() throws InterruptedException {
        StandInRegistry standIn = options.registryUrl() == null ? StandInRegistry.start() : null;
        String url = standIn != null ? standIn.url() : options.registryUrl();
        try {
            context.log("registry mode (%s) vs single-object (%d repetition(s))", standIn != null ? "stand-in registry " + url : url,
                    options.repetitions());
            Framing single = Framing.singleObject();
            Framing registry = Framing.registry(new ConfluentWireFormat(RegistrySettings.of(url)), url);
            TrainerThroughput trainerBench = new TrainerThroughput(context);
            ScorerThroughput scorerBench = new ScorerThroughput(context, null);
            var t = new TrainerThroughput.Case(1, List.of(50), 256, shape(Guarantee.EXACTLY_ONCE), options.trainerRecords());
            var s = new ScorerThroughput.Case(1, List.of(50), LATENCY_SAMPLES, options.scoreBatch(), shape(Guarantee.EXACTLY_ONCE),
                    options.scorerRecords());
            int n = options.repetitions();
            double[] trainerRegistry = new double[n], trainerSingle = new double[n], scorerRegistry = new double[n], scorerSingle = new double[n];
            for (int r = 0; r < n; r++) {
                boolean registryFirst = r % 2 == 0;
                for (Framing f : registryFirst ? List.of(registry, single) : List.of(single, registry)) {
                    (f == registry ? trainerRegistry : trainerSingle)[r] = trainerBench.trainer(t, f);
                }
                for (Framing f : registryFirst ? List.of(registry, single) : List.of(single, registry)) {
                    (f == registry ? scorerRegistry : scorerSingle)[r] = scorerBench.scorer(s, f);
                }
            }
            String where = standIn != null ? "a stand-in of Confluent's REST API in the bench JVM" : "the registry at " + url;
            figures.add(Figure.against("trainer.eos.registry.vs_single_object", Sample.of(trainerRegistry), Sample.of(trainerSingle),
                    RECORDS, REGISTRY_TARGET, "labeled records trained per second in the Confluent wire format (schemas resolved through "
                            + where + ") vs single-object encoding, " + t.describe()));
            figures.add(Figure.against("scorer.s" + LATENCY_SAMPLES + ".registry.vs_single_object", Sample.of(scorerRegistry),
                    Sample.of(scorerSingle), "predictions/s", REGISTRY_TARGET, "predictions per second in the Confluent wire format "
                            + "(schemas resolved through " + where + ") vs single-object encoding, " + s.describe()));
        } finally {
            if (standIn != null) standIn.close();
        }
    }

    private void parallelismSweep() throws InterruptedException {
        context.log("trainer (10 models, batch 32) and scorer (10 models, S = %d) throughput vs partitions x threads, exactly-once", LATENCY_SAMPLES);
        TrainerThroughput bench = new TrainerThroughput(context);
        for (E2eOptions.Parallelism pt : options.parallelism()) {
            StreamsShape shape = new StreamsShape(Guarantee.EXACTLY_ONCE, pt.partitions(), pt.threads());
            String key = "p" + pt.partitions() + "t" + pt.threads();
            var t = new TrainerThroughput.Case(10, List.of(50), 32, shape, options.sweepRecords());
            figures.add(trainerFigure(bench, t, 1, "trainer.parallel." + key + ".vs_passthrough", null));
            var s = new ScorerThroughput.Case(10, List.of(50), LATENCY_SAMPLES, options.scoreBatch(), shape, options.sweepRecords());
            ScorerThroughput.Result r = new ScorerThroughput(context, null).measure(s, false);
            figures.add(Figure.against("scorer.parallel." + key + ".vs_passthrough", Sample.of(r.scorer()), Sample.of(r.passThrough()),
                    "predictions/s", null, "predictions per second, " + s.describe() + ", vs a Kafka Streams pass-through of the same topic"));
        }
    }
}
