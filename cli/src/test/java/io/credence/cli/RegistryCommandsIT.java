package io.credence.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.credence.app.SerdeSettings;
import io.credence.avro.LabeledRecord;
import io.credence.cli.kafka.RecordSink;
import io.credence.kit.Http;
import io.credence.kit.LocalStack;
import io.credence.schemas.registry.StandInRegistry;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's commands in registry mode against a real broker, the real trainer and scorer in registry mode, and a
 * schema registry (a stand-in implementing Confluent's documented REST API, as no real registry can run here):
 * topics registers the schema histories, produce and predict go through the Confluent wire format, tail and posterior
 * read it, and a single-object record sent to a registry-mode trainer is dead-lettered with the reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryCommandsIT {

    static StandInRegistry registry;
    static LocalStack stack;
    static String bootstrap;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        registry = StandInRegistry.start();
        stack = LocalStack.start(0, new SerdeSettings(SerdeSettings.REGISTRY, registry.url(), Map.of()), TrainerApp::start, ScorerApp::start);
        bootstrap = stack.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
        if (registry != null) registry.close();
    }

    private static CliRun cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[]{"-b", bootstrap, "--registry-url", registry.url()}, 0, all, args.length, 4);
        return CliRun.of(all);
    }

    /** The JSON lines of a command's output (the apps of this JVM's stack log to the same stdout). */
    private static List<String> json(CliRun run) {
        return run.out().lines().filter(l -> l.startsWith("{")).toList();
    }

    @Test
    @Order(1)
    void topicsRegistersEverySchemaHistory() throws Exception {
        CliRun run = cli("topics");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("registered the schemas of 8 subjects", "labeled-records-value", "stream-scorer.dlq-value");
        // The stack's start-up registered every kept version too: registering them again adds no version.
        int kept = AvroCodecs.modelSpec().history().size();
        assertThat(registry.requestCount("POST", "/subjects/model-specs-value/versions")).isEqualTo(2 * kept);
        assertThat(Http.get(URI.create(registry.url()), "/subjects/model-specs-value/versions").json().size()).isEqualTo(kept);
    }

    @Test
    @Order(2)
    void produceAndPredictGoThroughTheRegistry() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        Random r = new Random(11);
        for (int i = 0; i < 320; i++) {
            double x = -3 + 6 * r.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f%n", x, Math.sin(x) + 0.1 * r.nextGaussian()));
        }
        Path train = Files.writeString(dir.resolve("train.csv"), csv);
        Path spec = Files.writeString(dir.resolve("spec.json"),
                "{\"modelId\": \"reg-sin\", \"task\": \"regression\", \"features\": 1, \"hidden\": [16], \"snapshotEveryUpdates\": 10}");
        CliRun produce = cli("produce", "--model", "reg-sin", "--csv", train.toString(), "--target", "y",
                "--spec", spec.toString(), "--passes", "2");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(produce.err()).contains("sent 640 labeled records of model reg-sin to labeled-records");

        Path grid = Files.writeString(dir.resolve("grid.csv"), "x\n-1\n0\n1\n");
        CliRun predict = cli("predict", "--model", "reg-sin", "--csv", grid.toString(), "--format", "json", "--timeout", "90s");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = json(predict);
        assertThat(lines).hasSize(3);
        JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(first.get("modelId").asText()).isEqualTo("reg-sin");
        assertThat(first.get("modelVersion").asLong()).isPositive();
    }

    @Test
    @Order(3)
    void tailAndPosteriorReadTheWireFormat() throws Exception {
        CliRun tail = cli("tail", "predictions", "--from-beginning", "--max", "1");
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(JsonMapper.builder().build().readTree(json(tail).get(0)).get("modelId").asText()).isEqualTo("reg-sin");

        CliRun posterior = cli("posterior", "--model", "reg-sin");
        assertThat(posterior.exitCode()).as(posterior.err()).isZero();
        assertThat(posterior.out()).contains("reg-sin");

        CliRun singleObject = CliRun.of("tail", "predictions", "-b", bootstrap, "--from-beginning", "--max", "1", "--idle-timeout", "3s");
        assertThat(singleObject.err()).contains("MALFORMED", "Confluent");
    }

    @Test
    @Order(4)
    void aSingleObjectRecordIsDeadLetteredWithTheReason() throws Exception {
        LabeledRecord record = new LabeledRecord("reg-sin", "single-object-1", List.of(0.5), 0.4, Instant.now(), null);
        byte[] bytes = AvroCodecs.labeledRecord().encode(record);
        try (RecordSink sink = new RecordSink(Map.of("bootstrap.servers", bootstrap))) {
            sink.send("labeled-records", "reg-sin", bytes);
            sink.flush();
        }
        CliRun dlq = cli("tail", "stream-trainer.dlq", "--from-beginning", "--idle-timeout", "20s", "--max", "1");
        assertThat(dlq.exitCode()).as(dlq.err()).isZero();
        JsonNode letter = JsonMapper.builder().build().readTree(json(dlq).get(0));
        assertThat(letter.get("errorClass").asText()).isEqualTo("MALFORMED");
        assertThat(letter.get("reason").asText()).contains("single-object");
        assertThat(Base64.getDecoder().decode(letter.get("value").asText())).isEqualTo(bytes);
    }
}
