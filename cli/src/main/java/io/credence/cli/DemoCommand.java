package io.credence.cli;

import io.credence.cli.console.Logging;
import io.credence.cli.demo.DemoMetrics;
import io.credence.cli.demo.DemoPlots;
import io.credence.cli.demo.DemoReport;
import io.credence.cli.demo.DemoResult;
import io.credence.cli.demo.DemoRun;
import io.credence.cli.demo.DemoSettings;
import io.credence.cli.demo.DemoTarget;
import io.credence.cli.demo.LocalStack;
import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code credence demo}: the whole pipeline on two seed workloads, with pictures and metrics. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the whole pipeline on two seed workloads; writes pictures, a report and metrics.",
        description = {"Starts an embedded Kafka broker (KRaft), stream-trainer and stream-scorer in this JVM (or, with",
                "--bootstrap, uses a cluster where both apps already run), streams two workloads through",
                "labeled-records (sin x with a gap in the data; two moons), scores grids through feature-records,",
                "reads the predictions and writes to DIR: predictive.png, moons.png, prequential.png, report.html,",
                "demo-metrics.json and demo.log (the apps' logs)."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence demo                              # into demo-out/, seed 2024",
                "  credence demo --out /tmp/run1 --seed 7",
                "  credence demo --quick                      # smaller workloads (about half the time)",
                "  credence demo --port 9092                  # pin the embedded broker's port (default: a free one)",
                "  credence demo -b kafka:9092 --trainer-url http://stream-trainer:8080   # against running apps"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

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
        Files.createDirectories(out);
        Logging.toFileOnly(out.resolve("demo.log"));
        boolean external = kafka.given().isPresent();
        // A shared cluster keeps the models of earlier runs: each run trains its own.
        String suffix = external ? "-" + Long.toString(System.currentTimeMillis() / 1000, 36) : "";
        DemoSettings settings = DemoSettings.of(seed, quick, timeout, suffix);
        console.printf(Locale.ROOT, "credence demo: seed %d, %s run: %d labeled records, %d feature records; output in %s%n",
                seed, quick ? "quick" : "full", settings.recordsToProduce(), settings.featureRecords(), out.toAbsolutePath());
        DemoResult result;
        if (external) {
            Clients.requireTopics(kafka.clientProperties(), List.of("labeled-records", "model-specs",
                    "posterior-snapshots", "training-metrics", "feature-records", "predictions"));
            DemoTarget target = new DemoTarget(kafka.clientProperties(), kafka.bootstrap(), trainerUrl.replaceAll("/+$", ""),
                    null, httpToken == null || httpToken.isBlank() ? null : httpToken);
            console.println("  using the cluster at " + target.bootstrap() + " and the trainer at " + target.trainerUrl());
            result = new DemoRun(settings, target, console, start).run();
        } else {
            console.println("  starting an embedded Kafka broker, stream-trainer and stream-scorer...");
            Thread exitGuard = ExitGuard.install("credence demo", out.resolve("demo.log"));
            try (LocalStack stack = LocalStack.start(port)) {
                DemoTarget target = stack.target();
                console.printf(Locale.ROOT, "  ready in %.1f s: broker %s, trainer %s, scorer %s (live page)%n",
                        (System.nanoTime() - start) / 1e9, target.bootstrap(), target.trainerUrl(), target.scorerUrl());
                result = new DemoRun(settings, target, console, start).run();
                console.println("  stopping the apps and the broker...");
            } finally {
                ExitGuard.remove(exitGuard);
            }
        }
        DemoMetrics metrics = DemoMetrics.of(result);
        DemoPlots.predictive(result, out.resolve("predictive.png"));
        DemoPlots.moons(result, out.resolve("moons.png"));
        DemoPlots.prequential(result, out.resolve("prequential.png"));
        DemoReport.write(result, metrics, out);
        printSummary(console, result, metrics, start);
        return 0;
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
