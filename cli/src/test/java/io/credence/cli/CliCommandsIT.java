package io.credence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.credence.kit.Http;
import io.credence.kit.LocalStack;
import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.credence.avro.LabeledRecord;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.serde.AvroCodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * topics, produce, predict and tail against a real broker with the real trainer and scorer: a 1-feature regression
 * streamed from a CSV with its spec, scored from another CSV, and read back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliCommandsIT {

    static LocalStack stack;
    static String bootstrap;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(TrainerApp::start, ScorerApp::start);
        bootstrap = stack.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    @Order(1)
    void topicsFindsThePipelineProvisioned() {
        CliRun run = CliRun.of("topics", "--bootstrap", bootstrap);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("all topics exist on " + bootstrap);
    }

    @Test
    @Order(2)
    void produceStreamsTheCsvAfterItsSpec() throws Exception {
        StringBuilder csv = new StringBuilder("id,x,y\n");
        Random r = new Random(5);
        for (int i = 0; i < 320; i++) {
            double x = -3 + 6 * r.nextDouble();
            csv.append(String.format(Locale.ROOT, "r%d,%.5f,%.5f%n", i, x, Math.sin(x) + 0.1 * r.nextGaussian()));
        }
        Path train = Files.writeString(dir.resolve("train.csv"), csv);
        Path spec = Files.writeString(dir.resolve("spec.json"),
                "{\"modelId\": \"it-sin\", \"task\": \"regression\", \"features\": 1, \"hidden\": [16], \"snapshotEveryUpdates\": 10}");
        CliRun run = CliRun.of("produce", "-b", bootstrap, "--model", "it-sin", "--csv", train.toString(), "--target", "y",
                "--id-column", "id", "--spec", spec.toString(), "--passes", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("published the spec of model it-sin to model-specs",
                "sent 960 labeled records of model it-sin to labeled-records");
    }

    @Test
    @Order(3)
    void predictWritesOnePredictionPerRowInOrder() throws Exception {
        Path grid = Files.writeString(dir.resolve("grid.csv"), "name,x\na,-2\nb,0\nc,2\n");
        Path out = dir.resolve("predictions.csv");
        CliRun run = CliRun.of("predict", "-b", bootstrap, "--model", "it-sin", "--csv", grid.toString(),
                "--id-column", "name", "--out", out.toString(), "--timeout", "90s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("id,model_version,mean,std,epistemic_std");
        for (int i = 1; i <= 3; i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertThat(cells[0]).isEqualTo(List.of("a", "b", "c").get(i - 1));
            assertThat(Long.parseLong(cells[1])).isPositive();
            double lower = Double.parseDouble(cells[7]);
            double upper = Double.parseDouble(cells[8]);
            assertThat(lower).isLessThan(Double.parseDouble(cells[2])).isLessThan(upper);
        }

        CliRun json = CliRun.of("predict", "-b", bootstrap, "--model", "it-sin", "--csv", grid.toString(), "--features", "x",
                "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        List<String> jsonLines = json.out().lines().toList();
        assertThat(jsonLines).hasSize(3);
        JsonNode first = JsonMapper.builder().build().readTree(jsonLines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("1");
        assertThat(first.get("modelId").asText()).isEqualTo("it-sin");
        assertThat(first.get("quantiles").size()).isPositive();
        assertThat(first.get("draws").isNull()).isTrue();

        CliRun draws = CliRun.of("predict", "-b", bootstrap, "--model", "it-sin", "--csv", grid.toString(), "--features", "x",
                "--format", "json", "--draws", "--samples", "50");
        assertThat(draws.exitCode()).as(draws.err()).isZero();
        List<String> drawLines = draws.out().lines().toList();
        assertThat(drawLines).hasSize(3);
        for (String line : drawLines) {
            JsonNode p = JsonMapper.builder().build().readTree(line);
            assertThat(p.get("samples").asInt()).isEqualTo(50);
            assertThat(p.get("draws")).hasSize(50);
            double sum = 0;
            for (JsonNode d : p.get("draws")) {
                sum += d.get("mean").asDouble();
                assertThat(d.get("noiseStd").asDouble()).isPositive();
                assertThat(d.get("classProbabilities").isNull()).isTrue();
            }
            assertThat(sum / 50).isCloseTo(p.get("mean").asDouble(), within(1e-9));
        }
    }

    @Test
    @Order(4)
    void aRowTheScorerRefusesIsReportedWithItsReason() throws Exception {
        Path wide = Files.writeString(dir.resolve("wide.csv"), "x1,x2\n1,2\n");
        CliRun run = CliRun.of("predict", "-b", bootstrap, "--model", "it-sin", "--csv", wide.toString(), "--timeout", "60s");
        assertThat(run.exitCode()).isEqualTo(1);
        List<String> err = run.err().lines().toList();
        assertThat(err.get(err.size() - 1)).startsWith("credence predict: error: the scorer refused row 1: FEATURE_COUNT: ");
    }

    @Test
    @Order(5)
    void tailPrintsRecordsAsJsonLines() throws Exception {
        CliRun run = CliRun.of("tail", "predictions", "-b", bootstrap, "--from-beginning", "--max", "2", "--metadata");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode line = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(line.get("topic").asText()).isEqualTo("predictions");
        assertThat(line.get("value").get("modelId").asText()).isEqualTo("it-sin");

        CliRun specs = CliRun.of("tail", "model-specs", "-b", bootstrap, "--from-beginning", "--idle-timeout", "2s");
        assertThat(specs.exitCode()).isZero();
        assertThat(specs.out()).contains("\"modelId\":\"it-sin\"");
    }

    @Test
    @Order(6)
    void aMissingTopicIsOneLine() {
        CliRun run = CliRun.of("tail", "no-such-topic", "-b", bootstrap, "--idle-timeout", "1s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("credence tail: error: topic no-such-topic does not exist on " + bootstrap);
    }

    @Test
    @Order(7)
    void produceWithoutASpecGivesTheModelTheDefaultForTheFileAndShuffles() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,b,y\n");
        Random r = new Random(9);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double a = r.nextDouble(), b = r.nextDouble();
            ids.add("p" + i);
            csv.append(String.format(Locale.ROOT, "p%d,%.4f,%.4f,%.4f%n", i, a, b, a - b + 0.05 * r.nextGaussian()));
        }
        Path two = Files.writeString(dir.resolve("two.csv"), csv);
        CliRun run = CliRun.of("produce", "-b", bootstrap, "--model", "it-two", "--csv", two.toString(), "--target", "y",
                "--id-column", "id");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("published the default spec of model it-two to model-specs: 2 features, effectiveDataSize 200",
                "sent 200 labeled records of model it-two to labeled-records in random order (seed 0)");

        // Every row once, in another order than the file's.
        List<String> sent = new ArrayList<>();
        try (TopicReader reader = new TopicReader(Map.of("bootstrap.servers", bootstrap), "labeled-records")) {
            while (!reader.atEnd()) {
                for (var record : reader.poll(Duration.ofMillis(200))) {
                    LabeledRecord l = AvroCodecs.labeledRecord().decode(record.value());
                    if (l.getModelId().equals("it-two")) sent.add(l.getRecordId());
                }
            }
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(ids).isNotEqualTo(ids);

        // The trainer learns all of them under that spec: none is dead-lettered for its feature count.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long seen = -1;
        while (seen < 200 && System.nanoTime() < deadline) {
            Http.Response response = Http.get(stack.trainerUrl(), "/models/it-two");
            if (response.status() == 200) seen = response.json().get("recordsSeen").asLong();
            if (seen < 200) Thread.sleep(200); // polling a condition with a deadline
        }
        assertThat(seen).isEqualTo(200);

        // A file that does not fit the model's spec is sent with a warning.
        Path three = Files.writeString(dir.resolve("three.csv"), "a,b,c,y\n1,2,3,4\n");
        CliRun misfit = CliRun.of("produce", "-b", bootstrap, "--model", "it-two", "--csv", three.toString(), "--target", "y");
        assertThat(misfit.exitCode()).as(misfit.err()).isZero();
        assertThat(misfit.err()).contains("warning: the spec of model it-two has 2 features but " + three + " gives 3 (a, b, c)")
                .doesNotContain("published");
    }

    @Test
    @Order(8)
    void aTrainedNetworkMadeBayesianPredictsWhatItComputedBeforeAnyRecord() throws Exception {
        // A 2-8-1 ReLU network in PyTorch's layout, trained (here: drawn) on scaled inputs and a scaled target.
        Random r = new Random(23);
        double[][] w0 = new double[8][2], w1 = new double[1][8];
        double[] b0 = new double[8], b1 = {0.3};
        for (int o = 0; o < 8; o++) {
            w0[o][0] = r.nextGaussian();
            w0[o][1] = r.nextGaussian();
            b0[o] = 0.1 * r.nextGaussian();
            w1[0][o] = r.nextGaussian() / 3;
        }
        double[] inMean = {50, -1}, inScale = {10, 2};
        double tMean = 100, tScale = 20;
        JsonMapper json = JsonMapper.builder().build();
        var weights = json.createObjectNode().put("activation", "relu").put("targetMean", tMean).put("targetScale", tScale);
        weights.set("inputMean", json.valueToTree(inMean));
        weights.set("inputScale", json.valueToTree(inScale));
        weights.putArray("layers").add(json.createObjectNode().putPOJO("weight", w0).putPOJO("bias", b0))
                .add(json.createObjectNode().putPOJO("weight", w1).putPOJO("bias", b1));
        Path weightsFile = Files.writeString(dir.resolve("weights.json"), json.writeValueAsString(weights));

        CliRun spec = CliRun.of("spec", "--from-weights", weightsFile.toString(), "--delta", "0.02", "--model", "it-moped");
        assertThat(spec.exitCode()).as(spec.err()).isZero();
        Path specFile = Files.writeString(dir.resolve("moped.json"), spec.out());
        CliRun publish = CliRun.of("spec", specFile.toString(), "--publish", "-b", bootstrap);
        assertThat(publish.exitCode()).as(publish.err()).isZero();
        assertThat(publish.err()).contains("published the spec of model it-moped to model-specs");

        // The trainer publishes the started posterior at once; wait until the scorer holds it.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean served = false;
        while (!served && System.nanoTime() < deadline) {
            served = Http.get(stack.scorerUrl(), "/models").body().contains("\"it-moped\"");
            if (!served) Thread.sleep(200); // polling a condition with a deadline
        }
        assertThat(served).as("the scorer serves it-moped").isTrue();

        double[][] rows = {{50, -1}, {35, 2}, {72, -4}, {58, 0.5}};
        Path grid = Files.writeString(dir.resolve("moped-grid.csv"), "u,v\n50,-1\n35,2\n72,-4\n58,0.5\n");
        CliRun predict = CliRun.of("predict", "-b", bootstrap, "--model", "it-moped", "--csv", grid.toString(),
                "--format", "json", "--samples", "2000");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        for (int i = 0; i < rows.length; i++) {
            double h0 = (rows[i][0] - inMean[0]) / inScale[0], h1 = (rows[i][1] - inMean[1]) / inScale[1];
            double out = b1[0];
            for (int o = 0; o < 8; o++) out += w1[0][o] * Math.max(0, w0[o][0] * h0 + w0[o][1] * h1 + b0[o]);
            double deterministic = tMean + tScale * out;
            JsonNode p = json.readTree(lines.get(i));
            // Monte Carlo error of 2000 draws, and the small bias a ReLU adds to E[f(w)] when each w spreads by 2%.
            double tolerance = 4 * p.get("epistemicStd").asDouble() / Math.sqrt(2000) + 0.002 * tScale;
            assertThat(p.get("mean").asDouble()).as("row %d", i).isCloseTo(deterministic, org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
