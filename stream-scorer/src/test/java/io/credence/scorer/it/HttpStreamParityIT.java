package io.credence.scorer.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.scorer.ScorerApp;
import io.credence.scorer.TestModels;
import io.credence.scorer.scoring.PredictorCache;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.credence.scorer.it.ScorerIt.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real broker: POST /predict and the stream path give the same prediction for the same input, version and seed,
 * and the same Monte Carlo draws when asked for them;
 * bad stream input lands in the DLQ with its reason and original bytes and is counted; bad HTTP input gets a 4xx with
 * a reason; /models, /health and /prometheus report what happened.
 */
class HttpStreamParityIT {
    private static final String MODEL = "parity";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Same draws, same weights, same input: bit-identical, although the stream scores a row inside a micro-batch and
     * HTTP alone (the sampler runs the same float operations per row in any batch, and JSON carries doubles exactly).
     * A different seed or version would differ in the second digit.
     */
    private static final Offset<Double> SAME = Offset.offset(0.0);

    @TempDir
    static Path stateDir;
    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);
    static ScorerApp scorer;

    @BeforeAll
    static void start() {
        scorer = ScorerIt.start(kafka.get(), stateDir, "scorer-parity-it", Map.of());
        ModelSpec spec = ModelSpec.regression(MODEL, 2).network(n -> n.withHidden(16, 16))
                .scoring(sc -> sc.withScoreSamples(50)).seed(11).build();
        kafka.get().produce(ScorerIt.SNAPSHOTS, bytes(MODEL), TestModels.snapshotBytes(TestModels.posterior(spec, 5), 4, Instant.now()));
        ScorerIt.awaitVersion(scorer, MODEL, 4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (scorer != null) scorer.close();
    }

    @Test
    void httpAndStreamGiveTheSamePredictionForTheSameInput() {
        Random random = new Random(3);
        List<FeatureRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Integer samples = i % 4 == 0 ? 7 : null;
            records.add(TestModels.featureRecord(MODEL, "parity-" + i, samples, random.nextGaussian() * 2, random.nextGaussian()));
        }
        ScorerIt.produce(kafka.get(), records);
        Map<String, Prediction> streamed = streamed(records);

        for (FeatureRecord r : records) {
            Prediction s = streamed.get(r.getRequestId());
            JsonNode h = ScorerIt.post(scorer, "/predict", Map.of("modelId", MODEL, "requestId", r.getRequestId(),
                    "features", r.getFeatures(), "samples", r.getSamples() == null ? 50 : r.getSamples())).json();
            assertThat(h.get("modelVersion").asLong()).isEqualTo(s.getModelVersion()).isEqualTo(4);
            assertThat(h.get("seed").asLong()).isEqualTo(s.getSeed()).isEqualTo(PredictorCache.seed(11, 4));
            assertThat(h.get("samples").asInt()).isEqualTo(s.getSamples());
            assertThat(h.get("mean").asDouble()).isCloseTo(s.getMean(), SAME);
            assertThat(h.get("std").asDouble()).isCloseTo(s.getStd(), SAME);
            assertThat(h.get("epistemicStd").asDouble()).isCloseTo(s.getEpistemicStd(), SAME);
            assertThat(h.get("aleatoricStd").asDouble()).isCloseTo(s.getAleatoricStd(), SAME);
            assertThat(h.get("lower").asDouble()).isCloseTo(s.getLower(), SAME);
            assertThat(h.get("upper").asDouble()).isCloseTo(s.getUpper(), SAME);
            for (int q = 0; q < s.getQuantiles().size(); q++) {
                assertThat(h.get("quantiles").get(q).get("value").asDouble()).isCloseTo(s.getQuantiles().get(q).getValue(), SAME);
            }
        }
        assertThat(streamed.values()).extracting(Prediction::getSamples).contains(7, 50);
    }

    @Test
    void httpAndStreamReturnTheSameDrawsWhenAskedAndNoneOtherwise() {
        FeatureRecord asking = TestModels.featureRecord(MODEL, "draws-asked", 30, 0.7, -1.2);
        asking.setIncludeDraws(true);
        FeatureRecord notAsking = TestModels.featureRecord(MODEL, "draws-not-asked", 30, 0.7, -1.2);
        ScorerIt.produce(kafka.get(), List.of(asking, notAsking));
        Map<String, Prediction> streamed = streamed(List.of(asking, notAsking));

        Prediction s = streamed.get("draws-asked");
        assertThat(streamed.get("draws-not-asked").getDraws()).isNull();
        assertThat(s.getDraws()).hasSize(30);
        assertThat(s.getDraws().stream().mapToDouble(d -> d.getMean()).average().orElseThrow()).isCloseTo(s.getMean(), Offset.offset(1e-9));

        JsonNode h = ScorerIt.post(scorer, "/predict", Map.of("modelId", MODEL, "features", List.of(0.7, -1.2),
                "samples", 30, "includeDraws", true)).json();
        assertThat(h.get("mean").asDouble()).isCloseTo(s.getMean(), SAME);
        assertThat(h.get("draws")).hasSize(30);
        for (int k = 0; k < 30; k++) {
            assertThat(h.get("draws").get(k).get("mean").asDouble()).isCloseTo(s.getDraws().get(k).getMean(), SAME);
            assertThat(h.get("draws").get(k).get("noiseStd").asDouble()).isCloseTo(s.getDraws().get(k).getNoiseStd(), SAME);
        }
        JsonNode without = ScorerIt.post(scorer, "/predict", Map.of("modelId", MODEL, "features", List.of(0.7, -1.2),
                "samples", 30)).json();
        assertThat(without.get("mean").asDouble()).isCloseTo(s.getMean(), SAME);
        assertThat(without.path("draws").isMissingNode() || without.get("draws").isNull()).as(without.toString()).isTrue();
    }

    @Test
    void badStreamInputIsDeadLetteredWithItsReasonAndCounted() throws DecodeException {
        byte[] garbage = bytes("not avro at all");
        kafka.get().produce(List.of(
                new ProducerRecord<>(ScorerIt.FEATURES, bytes("bad-1"), garbage),
                new ProducerRecord<>(ScorerIt.FEATURES, bytes("bad-2"), AvroCodecs.featureRecord().encode(
                        TestModels.featureRecord(MODEL, "three-features", null, 1, 2, 3))),
                new ProducerRecord<>(ScorerIt.FEATURES, bytes("bad-3"), AvroCodecs.featureRecord().encode(
                        TestModels.featureRecord(MODEL, "nan", null, 1, Double.NaN)))));

        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.get().consume(ScorerIt.DLQ, 3, WAIT)) {
            letters.add(AvroCodecs.deadLetter().decode(r.value()));
        }
        assertThat(letters).extracting(DeadLetter::getErrorClass)
                .containsExactlyInAnyOrder("MALFORMED", "FEATURE_COUNT", "NON_FINITE");
        DeadLetter malformed = letters.stream().filter(l -> l.getErrorClass().equals("MALFORMED")).findFirst().orElseThrow();
        assertThat(malformed.getValue().array()).isEqualTo(garbage);
        assertThat(malformed.getKey().array()).isEqualTo(bytes("bad-1"));
        assertThat(malformed.getSourceTopic()).isEqualTo(ScorerIt.FEATURES);
        assertThat(malformed.getOffset()).isNotNegative();

        String metrics = ScorerIt.get(scorer, "/prometheus").body();
        assertThat(metrics).contains("credence_scorer_dlq_total{error_class=\"MALFORMED\"} 1.0")
                .contains("credence_scorer_dlq_total{error_class=\"FEATURE_COUNT\"} 1.0")
                .contains("credence_scorer_dlq_total{error_class=\"NON_FINITE\"} 1.0");
    }

    /** The streamed predictions of {@code records} by request id, whatever else the topic holds. */
    private static Map<String, Prediction> streamed(List<FeatureRecord> records) {
        Set<String> ids = records.stream().map(FeatureRecord::getRequestId).collect(Collectors.toSet());
        Predicate<List<ConsumerRecord<byte[], byte[]>>> allArrived = read -> ScorerIt.decode(read).stream()
                .map(Prediction::getRequestId).collect(Collectors.toSet()).containsAll(ids);
        return ScorerIt.decode(kafka.get().consumeUntil(ScorerIt.PREDICTIONS, allArrived, WAIT)).stream()
                .filter(p -> ids.contains(p.getRequestId()))
                .collect(Collectors.toMap(Prediction::getRequestId, Function.identity()));
    }

    @Test
    void badHttpInputGetsA4xxWithAReason() {
        Http.Response wrongCount = ScorerIt.post(scorer, "/predict", Map.of("modelId", MODEL, "features", List.of(1.0)));
        assertThat(wrongCount.status()).isEqualTo(400);
        assertThat(wrongCount.json().get("error").asText()).isEqualTo("FEATURE_COUNT");
        assertThat(wrongCount.json().get("reason").asText()).contains("expects 2 features, got 1");

        Http.Response unknown = ScorerIt.post(scorer, "/predict", Map.of("modelId", "nobody", "features", List.of(1.0)));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("UNKNOWN_MODEL");

        Http.Response badSamples = ScorerIt.post(scorer, "/predict", Map.of("modelId", MODEL, "features", List.of(1.0, 2.0), "samples", 0));
        assertThat(badSamples.status()).isEqualTo(400);
        assertThat(badSamples.json().get("error").asText()).isEqualTo("BAD_SAMPLES");

        List<List<Double>> rows = java.util.Collections.nCopies(1001, List.of(0.0, 0.0));
        Http.Response tooMany = ScorerIt.post(scorer, "/predict/batch", Map.of("modelId", MODEL, "rows", rows));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("reason").asText()).contains("1001 rows exceed the limit of 1000");

        Http.Response notJson = ScorerIt.post(scorer, "/predict", "{\"modelId\": \"parity\", \"features\": [1, ");
        assertThat(notJson.status()).isEqualTo(400);

        String metrics = ScorerIt.get(scorer, "/prometheus").body();
        assertThat(metrics).contains("credence_scorer_http_rejected_total{error_class=\"FEATURE_COUNT\"}");
    }

    @Test
    void modelsHealthAndMetricsDescribeTheRunningScorer() {
        JsonNode models = ScorerIt.get(scorer, "/models").json();
        assertThat(models).hasSize(1);
        assertThat(models.get(0).get("modelId").asText()).isEqualTo(MODEL);
        assertThat(models.get(0).get("version").asLong()).isEqualTo(4);
        assertThat(models.get(0).get("recordsSeen").asLong()).isEqualTo(100);
        assertThat(models.get(0).get("snapshotAgeSeconds").asDouble()).isBetween(0.0, 600.0);

        Http.Response health = ScorerIt.get(scorer, "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.body()).contains("RUNNING");

        String metrics = ScorerIt.get(scorer, "/prometheus").body();
        assertThat(metrics).contains("credence_scorer_snapshot_age_seconds{model=\"parity\"}")
                .contains("credence_scorer_latency_seconds_bucket")
                .containsPattern("credence_scorer_sample_bank_bytes [0-9]")
                .as("the default bound, half the heap, is far above a 2-16-16-1 model's draws")
                .contains("credence_scorer_sample_banks_dropped_total 0.0");

        Http.Response page = ScorerIt.get(scorer, "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("createElementNS", "/predict/batch", "/models").doesNotContain("<script src", "<link");
    }
}
