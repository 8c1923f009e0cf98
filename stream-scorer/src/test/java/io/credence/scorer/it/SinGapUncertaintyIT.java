package io.credence.scorer.it;

import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.schemas.codec.MetricsCodec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.scorer.ScorerApp;
import io.credence.scorer.TestModels;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.credence.scorer.it.ScorerIt.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The uncertainty the scorer serves, read from the predictions topic: a BNN trained (with bnn-core's OnlineLearner,
 * in this test) on x from [-4,-1] and [1,4], y = sin x + N(0, 0.1^2), is published as a snapshot; the epistemic std
 * it reports is at least twice as large for |x| in [5,6] as inside the training range and larger in the gap (-1,1),
 * and its 90% interval covers 85-95% of fresh points from the training range. The live page, opened in headless
 * Chromium, renders the model's id, version and charts.
 */
class SinGapUncertaintyIT {
    private static final Logger log = LoggerFactory.getLogger(SinGapUncertaintyIT.class);
    private static final String MODEL = "sin-gap";
    private static final long SEED = 2024;
    private static final int TRAIN = 2000;
    private static final int REHEARSAL = 400;
    private static final int GRID = 200;
    private static final int FRESH = 1000;

    @TempDir
    static Path stateDir;
    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);
    static ScorerApp scorer;
    static Map<String, Prediction> predictions;
    static Map<String, Double> freshLabels = new HashMap<>();

    @BeforeAll
    static void trainPublishAndScore() {
        scorer = ScorerIt.start(kafka.get(), stateDir, "scorer-sin-gap-it", Map.of());

        long trainingStart = System.nanoTime();
        // The product default spec, each point learned once, then rehearsed from the replay window as the trainer does
        // once the stream is quiet, with a quarter of the default budget (400 examples per point) to keep the test short.
        ModelSpec spec = ModelSpec.regression(MODEL, 1)
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, TRAIN, 1.0)
                        .withReplay(TRAIN, 0, REHEARSAL)).seed(SEED).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        Random random = new Random(SEED);
        double[][] x = new double[TRAIN][1];
        double[] y = new double[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            x[i][0] = trainingX(random);
            y[i] = Math.sin(x[i][0]) + 0.1 * random.nextGaussian();
        }
        List<ProducerRecord<byte[], byte[]>> metrics = new ArrayList<>();
        for (int from = 0; from + spec.optimiser().batchSize() <= TRAIN; from += spec.optimiser().batchSize()) {
            StepReport report = learner.learn(Arrays.copyOfRange(x, from, from + spec.optimiser().batchSize()),
                    Arrays.copyOfRange(y, from, from + spec.optimiser().batchSize()), null);
            metrics.add(new ProducerRecord<>(ScorerIt.TRAINING_METRICS, bytes(MODEL), AvroCodecs.trainingMetrics()
                    .encode(MetricsCodec.toAvro(MODEL, 0, report, System.currentTimeMillis()))));
        }
        int rehearsed = 0;
        while (learner.replay()) rehearsed++;
        log.info("sin-gap: learned {} records once and rehearsed {} steps in {} ms", TRAIN, rehearsed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trainingStart));
        kafka.get().produce(metrics);
        kafka.get().produce(ScorerIt.SNAPSHOTS, bytes(MODEL), AvroCodecs.posteriorSnapshot()
                .encode(PosteriorCodec.toAvro(learner.posterior(), 1, System.currentTimeMillis(), null)));
        ScorerIt.awaitVersion(scorer, MODEL, 1);

        List<FeatureRecord> requests = new ArrayList<>();
        for (int i = 0; i < GRID; i++) {
            double interior = 1.5 + 2.0 * (i + 0.5) / GRID;
            double outside = 5.0 + 1.0 * (i + 0.5) / GRID;
            double gap = -1.0 + 2.0 * (i + 0.5) / GRID;
            requests.add(TestModels.featureRecord(MODEL, "interior+" + i, null, interior));
            requests.add(TestModels.featureRecord(MODEL, "interior-" + i, null, -interior));
            requests.add(TestModels.featureRecord(MODEL, "outside+" + i, null, outside));
            requests.add(TestModels.featureRecord(MODEL, "outside-" + i, null, -outside));
            requests.add(TestModels.featureRecord(MODEL, "gap" + i, null, gap));
        }
        Random fresh = new Random(SEED + 1);
        for (int i = 0; i < FRESH; i++) {
            double xi = trainingX(fresh);
            freshLabels.put("fresh" + i, Math.sin(xi) + 0.1 * fresh.nextGaussian());
            requests.add(TestModels.featureRecord(MODEL, "fresh" + i, null, xi));
        }
        ScorerIt.produce(kafka.get(), requests);
        predictions = ScorerIt.predictions(kafka.get(), requests.size(), Duration.ofSeconds(120)).stream()
                .collect(Collectors.toMap(Prediction::getRequestId, Function.identity()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (scorer != null) scorer.close();
    }

    @Test
    void epistemicStdGrowsOutsideTheDataAndInTheGap() {
        double interior = meanEpistemic("interior");
        double outside = meanEpistemic("outside");
        double gap = meanEpistemic("gap");
        log.info("sin-gap from the predictions topic: mean epistemic std interior {}, |x| in [5,6] {} (x{}), gap {} (x{})",
                interior, outside, outside / interior, gap, gap / interior);
        assertThat(outside).isGreaterThanOrEqualTo(2 * interior);
        assertThat(gap).isGreaterThan(interior);
        assertThat(predictions.values()).allSatisfy(p -> {
            assertThat(p.getModelVersion()).isEqualTo(1);
            assertThat(p.getSamples()).isEqualTo(100);
        });
    }

    @Test
    void theNinetyPercentIntervalCoversFreshPointsFromTheTrainingRange() {
        long covered = freshLabels.entrySet().stream().filter(e -> {
            Prediction p = predictions.get(e.getKey());
            return e.getValue() >= p.getLower() && e.getValue() <= p.getUpper();
        }).count();
        double coverage = covered / (double) FRESH;
        log.info("sin-gap from the predictions topic: 90% interval covers {} of {} fresh points ({})", covered, FRESH, coverage);
        assertThat(predictions.get("fresh0").getIntervalLevel()).isEqualTo(0.9);
        assertThat(coverage).isBetween(0.85, 0.95);
    }

    @Test
    void theLivePageRendersTheModelInHeadlessChromium() throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no chromium binary on PATH (Debian: apt-get install -y chromium): "
                + "the live page is not checked in a browser");
        ScorerIt.await(Duration.ofSeconds(30), () -> ScorerIt.get(scorer, "/models/" + MODEL + "/metrics").json().size() > 0,
                "training metrics read by the page feed");

        Path screenshot = Files.createDirectories(Path.of("target")).resolve("live-page.png"); // kept for a look
        Chromium.run(chromium.get(), stateDir, List.of("--screenshot=" + screenshot), scorer.url().toString());
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).as("screenshot bytes").isGreaterThan(20_000);

        String dom = Chromium.run(chromium.get(), stateDir, List.of("--dump-dom"), scorer.url().toString());
        assertThat(dom).contains("<h2 class=\"model-id\">sin-gap</h2>");
        assertThat(dom).contains("<b class=\"version\">1</b>");
        assertThat(dom).containsPattern("class=\"nll\"><svg[^>]*>.*<polyline");
        assertThat(dom).contains("version 1 (POST /predict/batch)").contains("epistemic std");
    }

    private static double meanEpistemic(String prefix) {
        return predictions.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(e -> e.getValue().getEpistemicStd()).average().orElseThrow();
    }

    private static double trainingX(Random random) {
        double u = 1 + 3 * random.nextDouble();
        return random.nextBoolean() ? u : -u;
    }

    /** Debian's headless Chromium, run as the brief prescribes. */
    static final class Chromium {
        private Chromium() {}

        static Optional<Path> find() {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate)) return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        /** Runs Chromium on {@code url} with {@code extra} flags; returns its standard output. */
        static String run(Path binary, Path workDir, List<String> extra, String url) throws IOException, InterruptedException {
            Path profile = Files.createTempDirectory(workDir, "chromium-profile");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1200,900", "--virtual-time-budget=10000"));
            command.addAll(extra);
            command.add(url);
            Path stdout = Files.createTempFile(workDir, "chromium", ".out");
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 90 s: " + command);
            }
            assertThat(process.exitValue()).as("chromium exit code").isZero();
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }
    }
}
