package io.credence.system.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.broker.SaslListener;
import io.credence.broker.SaslMechanism;
import io.credence.broker.TlsListener;
import io.credence.kit.Http;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;
import io.micronaut.runtime.exceptions.ApplicationStartupException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The whole pipeline over the secured listeners of one embedded broker: mutual TLS with a CA made here by keytool, and
 * SASL/SCRAM-SHA-256, each configured only through {@code credence.kafka.properties.*}. A wrong password stops start-up
 * quickly with the reason; HTTP sits behind the bearer token where one is set; /predict enforces its limits; and no
 * password, JAAS configuration or token appears in any log line of the whole run, Kafka's config dumps included.
 */
class SecurePipelineIT {

    private static final String BROKER_STORE_PASSWORD = "broker-store-pw-93ac41";
    private static final String CLIENT_STORE_PASSWORD = "client-store-pw-5d1f07";
    private static final String SCRAM_USER = "credence";
    private static final String SCRAM_PASSWORD = "scram-pw-7c2e90";
    private static final String WRONG_PASSWORD = "wrong-pw-41b8d3";
    private static final String BEARER_TOKEN = "bearer-token-e8f0a2";
    private static final List<String> SECRETS =
            List.of(BROKER_STORE_PASSWORD, CLIENT_STORE_PASSWORD, SCRAM_PASSWORD, WRONG_PASSWORD, BEARER_TOKEN);

    private static final String MODEL = "line";
    /** Labeled records: 8 mini-batches of 32, so 8 updates and a snapshot after the 4th and the 8th. */
    private static final int RECORDS = 256;
    private static final int FEATURE_ROWS = 64;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Longest a start-up with a wrong password may take to fail. */
    private static final Duration FAILURE_BOUND = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static LogCapture logs;
    private static EmbeddedKafkaBroker broker;
    private static PlainKafka kafka;
    /** Client properties of a mutual-TLS connection to the broker. */
    private static Map<String, String> tlsClient;

    @BeforeAll
    static void startBroker() throws Exception {
        logs = LogCapture.start();
        Certificates pki = Certificates.generate(dir.resolve("pki"), BROKER_STORE_PASSWORD, CLIENT_STORE_PASSWORD);
        broker = EmbeddedKafkaBroker.builder()
                .tlsListener(new TlsListener(0, pki.brokerKeyStore(), BROKER_STORE_PASSWORD, pki.trustStore(),
                        CLIENT_STORE_PASSWORD, true))
                .saslListener(new SaslListener(0, Set.of(SaslMechanism.SCRAM_SHA_256), Map.of(SCRAM_USER, SCRAM_PASSWORD)))
                .start();
        kafka = new PlainKafka(broker.bootstrapServers());
        tlsClient = Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", pki.trustStore().toString(),
                "ssl.truststore.password", CLIENT_STORE_PASSWORD,
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", pki.clientKeyStore().toString(),
                "ssl.keystore.password", CLIENT_STORE_PASSWORD,
                "ssl.key.password", CLIENT_STORE_PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        try {
            if (kafka != null) kafka.close();
            if (broker != null) broker.close();
        } finally {
            if (logs != null) logs.close();
        }
    }

    @Test
    void thePipelineRunsOverMutualTlsBehindTheBearerToken(@TempDir Path state) throws Exception {
        try (SecuredPipeline pipeline = SecuredPipeline.start("tls", broker.bootstrapServers(SecurityProtocol.SSL),
                tlsClient, BEARER_TOKEN, state)) {
            trainAndScore(pipeline, BEARER_TOKEN);
            assertEveryEndpointButHealthNeedsTheToken(pipeline.trainer.url());
            assertEveryEndpointButHealthNeedsTheToken(pipeline.scorer.url());
            assertPredictLimits(pipeline.scorer.url());
        }
        assertNoSecretLogged();
        assertThat(logs.lines()).as("Kafka's client config dumps were captured, the TLS passwords masked")
                .anyMatch(line -> line.contains("ssl.keystore.password = [hidden]"));
    }

    @Test
    void thePipelineRunsOverSaslScramWithHttpOpenByDefault(@TempDir Path state) throws Exception {
        try (SecuredPipeline pipeline = SecuredPipeline.start("sasl", broker.bootstrapServers(SecurityProtocol.SASL_PLAINTEXT),
                scramClient(SCRAM_PASSWORD), "", state)) {
            trainAndScore(pipeline, null);
        }
        assertNoSecretLogged();
        assertThat(logs.lines()).as("Kafka's client config dumps were captured, the JAAS configuration masked")
                .anyMatch(line -> line.contains("sasl.jaas.config = [hidden]"));
    }

    @Test
    void aWrongPasswordFailsStartUpWithTheReasonWithinABoundedTime(@TempDir Path state) {
        String bootstrap = broker.bootstrapServers(SecurityProtocol.SASL_PLAINTEXT);
        Map<String, String> wrong = scramClient(WRONG_PASSWORD);

        Throwable trainer = assertTimeoutPreemptively(FAILURE_BOUND, () -> catchThrowable(() ->
                TrainerApp.start(SecuredPipeline.trainerConfig("wrong", bootstrap, wrong, "", state)).close()));
        Throwable scorer = assertTimeoutPreemptively(FAILURE_BOUND, () -> catchThrowable(() ->
                ScorerApp.start(SecuredPipeline.scorerConfig("wrong", bootstrap, wrong, "", state)).close()));

        assertThat(trainer).isInstanceOf(ApplicationStartupException.class)
                .hasMessageContaining("stream-trainer did not start").hasMessageContaining("Authentication failed");
        assertThat(scorer).isInstanceOf(ApplicationStartupException.class)
                .hasMessageContaining("stream-scorer did not start").hasMessageContaining("Authentication failed");
        assertThat(stackTrace(trainer) + stackTrace(scorer)).doesNotContain(WRONG_PASSWORD);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("no Kafka client of the failed apps is left retrying").noneMatch(name -> name.contains("wrong-"));
        assertNoSecretLogged();
    }

    /** Trains the model on a line, checks the exact updates and snapshots, then scores rows by stream and HTTP. */
    private static void trainAndScore(SecuredPipeline pipeline, String token) throws Exception {
        Random random = new Random(42);
        List<byte[]> labeled = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            double x = random.nextGaussian();
            labeled.add(AvroCodecs.labeledRecord().encode(LabeledRecord.newBuilder().setModelId(MODEL)
                    .setRecordId("r" + i).setFeatures(List.of(x)).setLabel(2 * x + 0.5 + 0.1 * random.nextGaussian())
                    .setEventTime(Instant.ofEpochMilli(i)).build()));
        }
        kafka.produce(pipeline.labeledRecords, labeled);

        List<TrainingMetrics> metrics = decode(AvroCodecs.trainingMetrics(), kafka.consumeUntil(pipeline.trainingMetrics,
                read -> decode(AvroCodecs.trainingMetrics(), read).stream().anyMatch(m -> m.getRecordsSeen() == RECORDS), WAIT));
        assertThat(metrics).extracting(TrainingMetrics::getRecordsSeen).as("one update per mini-batch, each exactly once")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, RECORDS / SecuredPipeline.BATCH_SIZE)
                        .map(u -> u * SecuredPipeline.BATCH_SIZE).boxed().toList());
        List<PosteriorSnapshot> snapshots = decode(AvroCodecs.posteriorSnapshot(), kafka.consumeUntil(pipeline.posteriorSnapshots,
                read -> decode(AvroCodecs.posteriorSnapshot(), read).stream().anyMatch(s -> s.getRecordsSeen() == RECORDS), WAIT));
        assertThat(snapshots).extracting(PosteriorSnapshot::getVersion).containsExactly(1L, 2L);
        assertThat(snapshots).extracting(PosteriorSnapshot::getRecordsSeen).containsExactly(128L, 256L);

        URI scorer = pipeline.scorer.url();
        await("the scorer serves version 2 of " + MODEL, () -> {
            JsonNode models = Http.get(scorer, "/models", token).json();
            return models.size() == 1 && models.get(0).get("version").asLong() == 2;
        });
        List<byte[]> features = new ArrayList<>(FEATURE_ROWS);
        for (int i = 0; i < FEATURE_ROWS; i++) {
            features.add(AvroCodecs.featureRecord().encode(FeatureRecord.newBuilder().setModelId(MODEL).setRequestId("f" + i)
                    .setFeatures(List.of(i / 16.0 - 2)).setEventTime(Instant.ofEpochMilli(i)).build()));
        }
        kafka.produce(pipeline.featureRecords, features);
        List<Prediction> predictions = decode(AvroCodecs.prediction(),
                kafka.consumeUntil(pipeline.predictions, read -> read.size() >= FEATURE_ROWS, WAIT));
        assertThat(predictions).as("one prediction per feature record").hasSize(FEATURE_ROWS);
        assertThat(predictions).extracting(Prediction::getRequestId)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, FEATURE_ROWS).mapToObj(i -> "f" + i).toList());
        assertThat(predictions).allSatisfy(p -> {
            assertThat(p.getModelVersion()).isEqualTo(2);
            assertThat(p.getMean()).isFinite();
            assertThat(p.getStd()).isFinite().isPositive();
        });

        Http.Response predicted = Http.postJson(scorer, "/predict", "{\"modelId\": \"" + MODEL + "\", \"features\": [0.5]}",
                token);
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        assertThat(predicted.json().get("modelVersion").asLong()).isEqualTo(2);
    }

    /** 401 with a Bearer challenge without the token or with a wrong one, 200 with it; /health open to all. */
    private static void assertEveryEndpointButHealthNeedsTheToken(URI app) {
        for (String path : List.of("/models", "/prometheus")) {
            Http.Response none = Http.get(app, path, null);
            assertThat(none.status()).as("GET %s%s without a token", app, path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
            assertThat(Http.get(app, path, BEARER_TOKEN + "0").status()).as("with a wrong token").isEqualTo(401);
            assertThat(Http.get(app, path, BEARER_TOKEN).status()).as("with the token").isEqualTo(200);
        }
        Http.Response health = Http.get(app, "/health", null);
        assertThat(health.status()).as("GET %s/health without a token", app).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    /** Oversized bodies and too many rows or draws get 413, too many samples 400, each with the reason. */
    private static void assertPredictLimits(URI scorer) {
        String huge = "{\"modelId\": \"" + MODEL + "\", \"features\": [" + "0.0, ".repeat(300_000) + "0.0]}";
        Http.Response tooBig = Http.postJson(scorer, "/predict", huge, BEARER_TOKEN);
        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
        assertThat(tooBig.body()).contains("exceeds the maximum allowed content length [1048576]");

        String rows = batch(1001, 20);
        Http.Response tooManyRows = Http.postJson(scorer, "/predict/batch", rows, BEARER_TOKEN);
        assertThat(tooManyRows.status()).isEqualTo(413);
        assertThat(tooManyRows.json().get("reason").asText()).isEqualTo("1001 rows exceed the limit of 1000 per request");

        Http.Response tooManyDraws = Http.postJson(scorer, "/predict/batch", batch(200, 10_000), BEARER_TOKEN);
        assertThat(tooManyDraws.status()).isEqualTo(413);
        assertThat(tooManyDraws.json().get("reason").asText())
                .isEqualTo("200 rows x 10000 samples exceed the limit of 1000000 draws per request");

        Http.Response tooManySamples = Http.postJson(scorer, "/predict",
                "{\"modelId\": \"" + MODEL + "\", \"features\": [0.5], \"samples\": 10001}", BEARER_TOKEN);
        assertThat(tooManySamples.status()).isEqualTo(400);
        assertThat(tooManySamples.json().get("error").asText()).isEqualTo("BAD_SAMPLES");
        assertThat(tooManySamples.json().get("reason").asText()).contains("10001", "1..10000");
    }

    private static String batch(int rows, int samples) {
        return "{\"modelId\": \"" + MODEL + "\", \"samples\": " + samples + ", \"rows\": ["
                + String.join(", ", Collections.nCopies(rows, "[0.5]")) + "]}";
    }

    /** No captured log line, stack traces included, contains a password or the token. */
    private static void assertNoSecretLogged() {
        List<String> lines = logs.lines();
        assertThat(lines).as("captured log lines").isNotEmpty();
        for (String secret : SECRETS) {
            assertThat(lines.stream().filter(line -> line.contains(secret)).toList())
                    .as("log lines containing the secret %s", secret).isEmpty();
        }
    }

    private static <T extends SpecificRecord> List<T> decode(AvroCodec<T> codec, List<byte[]> values) {
        List<T> decoded = new ArrayList<>(values.size());
        for (byte[] value : values) {
            try {
                decoded.add(codec.decode(value));
            } catch (DecodeException e) {
                throw new AssertionError("an app wrote an undecodable record: " + e.getMessage(), e);
            }
        }
        return decoded;
    }

    private static Map<String, String> scramClient(String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + SCRAM_USER + "\" password=\"" + password + "\";");
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** Polls {@code condition} every 100 ms until it holds; fails after {@link #WAIT}. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + WAIT);
            Thread.sleep(100); // the poll interval; the condition decides
        }
    }
}
