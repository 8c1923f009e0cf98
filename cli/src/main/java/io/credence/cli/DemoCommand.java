package io.credence.cli;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingSpec;
import io.credence.bnn.spec.Task;
import io.credence.cli.console.Logging;
import io.credence.cli.csv.CsvTable;
import io.credence.cli.demo.CsvDemoData;
import io.credence.cli.demo.CsvDemoMetrics;
import io.credence.cli.demo.CsvDemoPlots;
import io.credence.cli.demo.CsvDemoReport;
import io.credence.cli.demo.CsvDemoResult;
import io.credence.cli.demo.CsvDemoRun;
import io.credence.cli.demo.DemoMetrics;
import io.credence.cli.demo.DemoPlots;
import io.credence.cli.demo.DemoReport;
import io.credence.cli.demo.DemoResult;
import io.credence.cli.demo.DemoRun;
import io.credence.cli.demo.DemoSettings;
import io.credence.cli.demo.DemoTarget;
import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.kit.LocalStack;
import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code credence demo}: the whole pipeline on two seed workloads, or on the user's CSV file, with pictures and metrics. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the whole pipeline on two seed workloads or on your CSV file; writes pictures, a report and metrics.",
        description = {"Starts an embedded Kafka broker (KRaft), stream-trainer and stream-scorer in this JVM (or, with",
                "--bootstrap, uses a cluster where both apps already run), streams two workloads through",
                "labeled-records (sin x with a gap in the data; two moons), scores grids through feature-records,",
                "reads the predictions and writes to DIR: predictive.png, moons.png, prequential.png, report.html,",
                "demo-metrics.json and demo.log (the apps' logs).",
                "",
                "With --csv FILE --target COLUMN it does the same for your data: every other column is a numeric",
                "feature (or those named by --features); a random --test-fraction of the rows is held back, the rest",
                "is streamed once in random order under the product default spec (features, classes and effective",
                "data size from the file) or --spec; the held-back rows are scored through feature-records. It writes",
                "report.html, predictions.png, calibration.png, prequential.png (along-1.png, along-2.png for one or",
                "two feature columns), metrics.json, spec.json and demo.log."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence demo                              # into demo-out/, seed 2024",
                "  credence demo --out /tmp/run1 --seed 7",
                "  credence demo --quick                      # smaller workloads (about half the time)",
                "  credence demo --csv houses.csv --target price --out houses-out",
                "  credence demo --csv iris.csv --target species --task classification --test-fraction 0.2",
                "  credence demo --port 9092                  # pin the embedded broker's port (default: a free one)",
                "  credence demo -b kafka:9092 --trainer-url http://stream-trainer:8080   # against running apps"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    /** Most rehearsed examples of a --csv run under the default spec: about half a minute on one core. */
    static final double REHEARSAL_CAP = 1_600_000;

    @Option(names = "--seed", defaultValue = "2024", paramLabel = "N", description = "Seed of data and models (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Smaller workloads and grids, for a fast check.")
    boolean quick;

    @Option(names = {"-p", "--port"}, defaultValue = "0", paramLabel = "PORT",
            description = "Port of the embedded broker; 0 (default) picks a free one.")
    int port;

    @Option(names = "--timeout", defaultValue = "150s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for each stage: training, scoring (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = false, heading = "%nYour own data (instead of the seed workloads):%n")
    OwnData own;

    /** The options of {@code --csv}. */
    static final class OwnData {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
        Path csv;

        @Option(names = {"-t", "--target"}, required = true, paramLabel = "COLUMN",
                description = "Label column: a number (regression) or a class (classification: 0..K-1 or any labels).")
        String target;

        @Option(names = "--task", defaultValue = "regression", paramLabel = "TASK",
                description = "regression or classification (default: ${DEFAULT-VALUE}; taken from --spec when given).")
        String task;

        @Option(names = "--features", split = ",", paramLabel = "COLUMN",
                description = "Feature columns, in order (default: every column but the target).")
        List<String> features = new ArrayList<>();

        @Option(names = "--test-fraction", defaultValue = "0.1", paramLabel = "F",
                description = "Share of the rows held back for testing, drawn at random (default: ${DEFAULT-VALUE}).")
        double testFraction;

        @Option(names = "--spec", paramLabel = "FILE",
                description = "ModelSpec JSON to train under; features, classes and effectiveDataSize it leaves out come from the file.")
        Path spec;

        @Option(names = {"-m", "--model"}, paramLabel = "ID", description = "Model id (default: from the file name).")
        String model;
    }

    @Option(names = "--trainer-url", defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "With --bootstrap: the running trainer's HTTP address (default: ${DEFAULT-VALUE}).")
    String trainerUrl;

    @Option(names = "--http-token", paramLabel = "TOKEN", defaultValue = "${env:CREDENCE_HTTP_BEARER_TOKEN}",
            description = "With --bootstrap: the trainer's bearer token, if it requires one (default: $CREDENCE_HTTP_BEARER_TOKEN).")
    String httpToken;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        PrintStream console = System.out;
        if (own != null && quick) throw new CommandFailure("--quick applies to the seed workloads, not to --csv");
        Files.createDirectories(out);
        Logging.toFileOnly(out.resolve("demo.log"));
        boolean external = kafka.given().isPresent();
        // A shared cluster keeps the models of earlier runs: each run trains its own.
        String suffix = external ? "-" + Long.toString(System.currentTimeMillis() / 1000, 36) : "";
        if (own != null) return ownData(console, external, suffix, start);
        DemoSettings settings = DemoSettings.of(seed, quick, timeout, suffix);
        console.printf(Locale.ROOT, "credence demo: seed %d, %s run: %d labeled records, %d feature records; output in %s%n",
                seed, quick ? "quick" : "full", settings.recordsToProduce(), settings.featureRecords(), out.toAbsolutePath());
        DemoResult result;
        if (external) {
            result = new DemoRun(settings, externalTarget(console), console, start).run();
        } else {
            result = onLocalStack(console, start, target -> new DemoRun(settings, target, console, start).run());
        }
        DemoMetrics metrics = DemoMetrics.of(result);
        DemoPlots.predictive(result, out.resolve("predictive.png"));
        DemoPlots.moons(result, out.resolve("moons.png"));
        DemoPlots.prequential(result, out.resolve("prequential.png"));
        DemoReport.write(result, metrics, out);
        printSummary(console, result, metrics, start);
        return 0;
    }

    /** Runs {@code run} on an embedded broker with both apps, started here and stopped after it. */
    private <T> T onLocalStack(PrintStream console, long start, Function<DemoTarget, T> run) {
        console.println("  starting an embedded Kafka broker, stream-trainer and stream-scorer...");
        Thread exitGuard = ExitGuard.install("credence demo", out.resolve("demo.log"));
        try (LocalStack stack = LocalStack.start(port, kafka.serde().settings(), TrainerApp::start, ScorerApp::start)) {
            DemoTarget target = DemoTarget.of(stack);
            console.printf(Locale.ROOT, "  ready in %.1f s: broker %s, trainer %s, scorer %s (live page)%n",
                    (System.nanoTime() - start) / 1e9, target.bootstrap(), target.trainerUrl(), target.scorerUrl());
            T result = run.apply(target);
            console.println("  stopping the apps and the broker...");
            return result;
        } finally {
            ExitGuard.remove(exitGuard);
        }
    }

    private DemoTarget externalTarget(PrintStream console) {
        Clients.requireTopics(kafka.clientProperties(), List.of("labeled-records", "model-specs",
                "posterior-snapshots", "training-metrics", "feature-records", "predictions"));
        DemoTarget target = new DemoTarget(kafka.clientProperties(), kafka.bootstrap(), trainerUrl.replaceAll("/+$", ""),
                null, httpToken == null || httpToken.isBlank() ? null : httpToken, kafka.wireFormat());
        console.println("  using the cluster at " + target.bootstrap() + " and the trainer at " + target.trainerUrl());
        return target;
    }

    /** {@code --csv}: the user's file through the pipeline. */
    private int ownData(PrintStream console, boolean external, String suffix, long start) throws IOException {
        Task task = Tasks.parse(own.task);
        String specJson = own.spec == null ? null : SpecFiles.text(own.spec);
        if (specJson != null) task = SpecFiles.task(own.spec, specJson);
        CsvDemoData data = CsvDemoData.of(CsvTable.read(own.csv), own.target, own.features, task, own.testFraction, seed);
        ModelSpec spec = specJson != null
                ? SpecFiles.parseFor(own.spec, specJson, data.features(), data.classes(), data.train().size())
                : defaultSpec(data, (own.model != null ? own.model : modelIdOf(own.csv)) + suffix);
        if (spec.features() != data.features() || spec.classes() != data.classes()) {
            throw new CommandFailure("the spec in " + own.spec + " has " + spec.features() + " features and " + spec.classes()
                    + " classes but " + own.csv + " gives " + data.features() + " and " + data.classes());
        }
        console.printf(Locale.ROOT, "credence demo: %s, %s of %s on %d feature columns%s: %d rows to train on (streamed once), "
                        + "%d held back; seed %d; output in %s%n", own.csv, task.name().toLowerCase(Locale.ROOT), own.target,
                data.features(), task == Task.CLASSIFICATION ? " (" + data.classes() + " classes)" : "",
                data.train().size(), data.test().size(), seed, out.toAbsolutePath());
        if (own.spec == null && spec.streaming().replayBudget() < StreamingSpec.DEFAULT.replayBudget()) {
            console.printf(Locale.ROOT, "  rehearsal: %.0f examples per record (the default's budget, capped so that the demo "
                    + "rehearses at most %.1f million examples; --spec sets another)%n",
                    spec.streaming().replayBudget(), REHEARSAL_CAP / 1e6);
        }
        CsvDemoResult result = external
                ? new CsvDemoRun(data, spec, externalTarget(console), timeout, seed, console, start).run()
                : onLocalStack(console, start, target -> new CsvDemoRun(data, spec, target, timeout, seed, console, start).run());
        CsvDemoMetrics metrics = CsvDemoMetrics.of(result);
        Map<String, String> pictures = CsvDemoPlots.write(result, metrics, out);
        CsvDemoReport.write(result, metrics, seed, pictures, out);
        CsvDemoResult.Counts c = result.counts();
        console.printf(Locale.ROOT, "%nDone in %.1f s (seed %d): model %s, version %d.%n", (System.nanoTime() - start) / 1e9,
                seed, spec.modelId(), c.version());
        console.printf(Locale.ROOT, "  records produced %d, trained %d; predictions %d of %d; dead letters %d%n",
                c.recordsProduced(), c.recordsTrained(), c.predictionsEmitted(), c.featureRecordsSent(), c.dlqRecords());
        if (task == Task.REGRESSION) {
            console.printf(Locale.ROOT, "  held-back rows: RMSE %.4g, log-likelihood %.3f, 90%% coverage %.3f%n",
                    metrics.rmse(), metrics.ll(), metrics.coverage90());
        } else {
            console.printf(Locale.ROOT, "  held-back rows: accuracy %.3f, log-loss %.3f, ECE %.3f%n",
                    metrics.accuracy(), metrics.logLoss(), metrics.ece());
        }
        console.println("  open " + out.resolve("report.html").toAbsolutePath());
        return 0;
    }

    /**
     * The product default spec for the data: its features and classes, N = its training rows, and the replay budget
     * lowered where needed so that rehearsal takes at most {@link #REHEARSAL_CAP} examples.
     */
    private ModelSpec defaultSpec(CsvDemoData data, String modelId) {
        int rows = data.train().size();
        ModelSpec.Builder b = SpecFiles.defaultFor(modelId, data.task(), data.features(), data.classes(), rows)
                .streaming(s -> s.withSnapshotEvery(50, 1.0)).seed(seed);
        return b.streaming(s -> s.withReplayBudget(
                Math.min(s.replayBudget(), Math.floor(REHEARSAL_CAP / Math.min(rows, s.replayCapacity()))))).build();
    }

    /** A model id from the file's name: houses.csv gives houses. */
    static String modelIdOf(Path csv) {
        String name = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
        return name.isEmpty() ? "csv-demo" : name;
    }

    private void printSummary(PrintStream console, DemoResult result, DemoMetrics metrics, long start) {
        DemoResult.Counts c = result.counts();
        console.printf(Locale.ROOT, "%nDone in %.1f s (seed %d).%n", (System.nanoTime() - start) / 1e9, seed);
        console.printf(Locale.ROOT, "  records produced %d, trained %d; snapshots %d; predictions %d of %d; dead letters %d%n",
                c.recordsProduced(), c.recordsTrained(), c.snapshotsPublished(), c.predictionsEmitted(),
                c.featureRecordsSent(), c.dlqRecords());
        console.printf(Locale.ROOT, "  sin-gap:   epistemic std x%.2f in the gap, x%.2f beyond the data; 90%% coverage %.3f; RMSE %.3f%n",
                metrics.gapStdRatio(), metrics.oodStdRatio(), metrics.coverage90(), metrics.rmse());
        console.printf(Locale.ROOT, "  two-moons: accuracy %.3f%n", metrics.moonsAccuracy());
        console.println("  open " + out.resolve("report.html").toAbsolutePath());
        if (c.dlqRecords() > 0) {
            console.println("  note: " + c.dlqRecords() + " dead letters on stream-trainer.dlq / stream-scorer.dlq"
                    + " (credence tail stream-trainer.dlq --from-beginning shows them)");
        }
    }
}
