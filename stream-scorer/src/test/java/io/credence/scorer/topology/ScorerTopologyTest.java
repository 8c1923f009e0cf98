package io.credence.scorer.topology;

import io.credence.bnn.predictive.SampleBankBudget;
import io.credence.schemas.serde.WireFormat;
import io.credence.avro.DeadLetter;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.codec.PredictionCodec;
import io.credence.schemas.parts.SnapshotParts;
import io.credence.avro.Prediction;
import io.credence.bnn.likelihood.NoiseDistribution;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.scorer.TestModels;
import io.credence.scorer.config.NoModelPolicy;
import io.credence.scorer.config.ScorerSettings;
import io.credence.scorer.config.ScorerTopics;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.PredictorCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Routing of the scorer topology on TopologyTestDriver: bad input to the DLQ, unknown models, micro-batches, versions. */
class ScorerTopologyTest {
    private static final ScorerTopics TOPICS = new ScorerTopics("feature-records", "posterior-snapshots",
            "training-metrics", "predictions", "stream-scorer.dlq", 1, (short) 1);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LINGER = Duration.ofMillis(25);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> features;
    private TestInputTopic<byte[], byte[]> snapshots;
    private TestOutputTopic<byte[], byte[]> predictions;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private SimpleMeterRegistry registry;
    private ScorerMetrics metrics;

    private void start(NoModelPolicy policy, int batchSize, int waitBound) {
        registry = new SimpleMeterRegistry();
        ScorerSettings settings = new ScorerSettings(batchSize, LINGER, policy, waitBound, List.of(0.05, 0.5, 0.95), 0);
        PredictorCache cache = new PredictorCache(Clock.systemUTC(), settings.quantileLevelArray(), SampleBankBudget.NONE);
        StreamsBuilder builder = new StreamsBuilder();
        metrics = new ScorerMetrics(registry, cache, Clock.systemUTC());
        ScorerTopology.build(builder, TOPICS, settings, cache, metrics, WireFormat.singleObject());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        features = driver.createInputTopic(TOPICS.featureRecords(), new ByteArraySerializer(), new ByteArraySerializer());
        snapshots = driver.createInputTopic(TOPICS.posteriorSnapshots(), new ByteArraySerializer(), new ByteArraySerializer());
        predictions = driver.createOutputTopic(TOPICS.predictions(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    @Test
    void malformedBytesAreDeadLetteredWithTheirOriginalKeyAndValue() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        byte[] key = bytes("k1");
        byte[] garbage = bytes("{\"modelId\": \"m\"}");
        features.pipeInput(key, garbage);

        TestRecord<byte[], byte[]> out = deadLetters.readRecord();
        DeadLetter letter = AvroCodecs.deadLetter().decode(out.value());
        assertThat(out.key()).isEqualTo(key);
        assertThat(letter.getErrorClass()).isEqualTo(DecodeException.MALFORMED);
        assertThat(letter.getApp()).isEqualTo("stream-scorer");
        assertThat(letter.getSourceTopic()).isEqualTo(TOPICS.featureRecords());
        assertThat(letter.getOffset()).isZero();
        assertThat(letter.getKey().array()).isEqualTo(key);
        assertThat(letter.getValue().array()).isEqualTo(garbage);
        assertThat(letter.getReason()).contains("single-object marker");
        assertThat(predictions.isEmpty()).isTrue();
        assertThat(dlqCount(DecodeException.MALFORMED)).isEqualTo(1.0);
    }

    @Test
    void aRecordOverTheInputLimitIsDeadLetteredWithoutItsBytes() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        snapshots.pipeInput(bytes("m"), TestModels.snapshotBytes(TestModels.posterior(TestModels.regression("m", 1), 1), 1, T0));
        // A valid record of a known model whose request id alone is over the limit: its prediction could not be written.
        byte[] value = AvroCodecs.featureRecord().encode(io.credence.avro.FeatureRecord.newBuilder().setModelId("m")
                .setRequestId("r".repeat(DeadLetters.MAX_INPUT_BYTES)).setFeatures(java.util.List.of(0.5)).setEventTime(T0).build());
        features.pipeInput(bytes("k"), value);
        driver.advanceWallClockTime(LINGER);

        TestRecord<byte[], byte[]> out = deadLetters.readRecord();
        DeadLetter letter = AvroCodecs.deadLetter().decode(out.value());
        assertThat(letter.getErrorClass()).isEqualTo(DeadLetters.TOO_LARGE);
        assertThat(letter.getReason()).contains(value.length + " value bytes", "feature-records-0@0");
        assertThat(letter.getKey()).isNull();
        assertThat(letter.getValue()).isNull();
        assertThat(out.key()).isNull();
        assertThat(predictions.isEmpty()).isTrue();
        assertThat(dlqCount(DeadLetters.TOO_LARGE)).isEqualTo(1.0);
    }

    @Test
    void aRecordOfAnotherSchemaIsDeadLetteredAsWrongSchema() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        byte[] snapshot = TestModels.snapshotBytes(TestModels.posterior(TestModels.regression("m", 1), 1), 1, T0);
        features.pipeInput(bytes("k"), snapshot);

        DeadLetter letter = AvroCodecs.deadLetter().decode(deadLetters.readValue());
        assertThat(letter.getErrorClass()).isEqualTo(DecodeException.WRONG_SCHEMA);
        assertThat(letter.getReason()).contains("PosteriorSnapshot");
        assertThat(letter.getValue().array()).isEqualTo(snapshot);
    }

    @Test
    void underPolicyDlqARecordWithoutModelIsDeadLetteredAsUnknownModel() throws DecodeException {
        start(NoModelPolicy.DLQ, 4, 100);
        byte[] value = TestModels.featureBytes("nobody", "r1", null, 0.5);
        features.pipeInput(bytes("k"), value);

        DeadLetter letter = AvroCodecs.deadLetter().decode(deadLetters.readValue());
        assertThat(letter.getErrorClass()).isEqualTo("UNKNOWN_MODEL");
        assertThat(letter.getReason()).startsWith("no model").contains("nobody");
        assertThat(letter.getValue().array()).isEqualTo(value);
        assertThat(dlqCount("UNKNOWN_MODEL")).isEqualTo(1.0);
    }

    @Test
    void underPolicyWaitRecordsBeyondTheBoundAreDeadLetteredAsBufferFull() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 3);
        for (int i = 0; i < 5; i++) {
            features.pipeInput(bytes("k" + i), TestModels.featureBytes("later", "r" + i, null, i));
        }
        driver.advanceWallClockTime(LINGER.multipliedBy(2));

        List<DeadLetter> letters = deadLetters();
        assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("BUFFER_FULL", "BUFFER_FULL");
        assertThat(letters).extracting(DeadLetter::getOffset).containsExactly(3L, 4L);
        assertThat(letters.get(0).getReason()).startsWith("buffer full");
        assertThat(predictions.isEmpty()).isTrue();
    }

    @Test
    void aGoodRecordGetsAPredictionWithTheSameKeyAndTheModelVersion() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        publish("m", 3);
        features.pipeInput(bytes("key-1"), TestModels.featureBytes("m", "r1", null, 0.3), 1234L);
        assertThat(predictions.isEmpty()).as("scored only when the batch fills or the linger elapses").isTrue();
        driver.advanceWallClockTime(LINGER);

        TestRecord<byte[], byte[]> out = predictions.readRecord();
        Prediction p = AvroCodecs.prediction().decode(out.value());
        assertThat(out.key()).isEqualTo(bytes("key-1"));
        assertThat(out.timestamp()).isEqualTo(1234L);
        assertThat(p.getModelId()).isEqualTo("m");
        assertThat(p.getRequestId()).isEqualTo("r1");
        assertThat(p.getModelVersion()).isEqualTo(3);
        assertThat(p.getSamples()).isEqualTo(20);
        assertThat(p.getSeed()).isEqualTo(PredictorCache.seed(7, 3));
        assertThat(p.getEpistemicStd()).isPositive();
        assertThat(p.getLower()).isLessThan(p.getMean());
        assertThat(p.getUpper()).isGreaterThan(p.getMean());
        assertThat(p.getScoredAt()).isEqualTo(T0.plus(LINGER));
        assertThat(p.getQuantiles()).extracting(q -> q.getLevel()).containsExactly(0.05, 0.5, 0.95);
        assertThat(p.getQuantiles().get(0).getValue()).isLessThan(p.getQuantiles().get(1).getValue());
        assertThat(p.getQuantiles().get(1).getValue()).isLessThan(p.getQuantiles().get(2).getValue());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aFullBatchIsScoredAtOnceWithoutWaitingForTheLinger() throws DecodeException {
        start(NoModelPolicy.WAIT, 3, 100);
        publish("m", 1);
        for (int i = 0; i < 3; i++) {
            features.pipeInput(bytes("k" + i), TestModels.featureBytes("m", "r" + i, null, i));
        }
        assertThat(predictionsRead()).extracting(Prediction::getRequestId).containsExactly("r0", "r1", "r2");
    }

    @Test
    void underPolicyWaitRecordsAreScoredWhenTheFirstSnapshotArrives() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        for (int i = 0; i < 6; i++) {
            features.pipeInput(bytes("k" + i), TestModels.featureBytes("m", "r" + i, null, i));
        }
        driver.advanceWallClockTime(LINGER.multipliedBy(4));
        assertThat(predictions.isEmpty()).isTrue();
        assertThat(metrics.pending()).isEqualTo(6);

        publish("m", 1);
        driver.advanceWallClockTime(LINGER);
        List<Prediction> scored = predictionsRead();
        assertThat(scored).extracting(Prediction::getRequestId).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(scored).allSatisfy(p -> assertThat(p.getModelVersion()).isEqualTo(1));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.pending()).isZero();
    }

    @Test
    void badInputOfAKnownModelIsDeadLetteredWithItsErrorClass() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        publish("m", 1);
        features.pipeInput(bytes("a"), TestModels.featureBytes("m", "two-features", null, 1, 2));
        features.pipeInput(bytes("b"), TestModels.featureBytes("m", "nan", null, Double.NaN));
        features.pipeInput(bytes("c"), TestModels.featureBytes("m", "inf", null, Double.POSITIVE_INFINITY));
        features.pipeInput(bytes("d"), TestModels.featureBytes("m", "zero-samples", 0, 1));
        features.pipeInput(bytes("e"), TestModels.featureBytes("m", "fine", 5, 1));
        driver.advanceWallClockTime(LINGER);

        assertThat(deadLetters()).extracting(DeadLetter::getErrorClass)
                .containsExactly("FEATURE_COUNT", "NON_FINITE", "NON_FINITE", "BAD_SAMPLES");
        List<Prediction> scored = predictionsRead();
        assertThat(scored).extracting(Prediction::getRequestId).containsExactly("fine");
        assertThat(scored.get(0).getSamples()).isEqualTo(5);
        assertThat(dlqCount("NON_FINITE")).isEqualTo(2.0);
    }

    @Test
    void aNewSnapshotVersionIsUsedForTheNextBatch() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        publish("m", 1);
        features.pipeInput(bytes("k1"), TestModels.featureBytes("m", "before", null, 0.5));
        driver.advanceWallClockTime(LINGER);
        publish("m", 2);
        features.pipeInput(bytes("k2"), TestModels.featureBytes("m", "after", null, 0.5));
        driver.advanceWallClockTime(LINGER);

        List<Prediction> scored = predictionsRead();
        assertThat(scored).extracting(Prediction::getRequestId).containsExactly("before", "after");
        assertThat(scored).extracting(Prediction::getModelVersion).containsExactly(1L, 2L);
        assertThat(scored.get(1).getSeed()).isNotEqualTo(scored.get(0).getSeed());
    }

    @Test
    void aClassifierReportsClassProbabilitiesEntropyAndMutualInformation() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        ModelSpec spec = ModelSpec.classification("c", 2, 3).network(n -> n.withHidden(8))
                .scoring(sc -> sc.withScoreSamples(30)).seed(3).build();
        snapshots.pipeInput(bytes("c"), TestModels.snapshotBytes(TestModels.posterior(spec, 1), 1, T0));
        features.pipeInput(bytes("k"), TestModels.featureBytes("c", "r", null, 0.5, -1.5));
        driver.advanceWallClockTime(LINGER);

        Prediction p = predictionsRead().get(0);
        assertThat(p.getClassProbabilities()).hasSize(3);
        assertThat(p.getClassProbabilities().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(p.getClassProbabilities().get(p.getPredictedClass()))
                .isEqualTo(p.getClassProbabilities().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertThat(p.getEntropy()).isBetween(0.0, Math.log(3));
        assertThat(p.getMutualInformation()).isBetween(0.0, p.getEntropy());
        assertThat(p.getQuantiles()).isEmpty();
        assertThat(p.getSamples()).isEqualTo(30);
    }

    @Test
    void aRecordAskingForDrawsGetsOnePerSampleAndOneThatDoesNotGetsNone() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        publish("m", 2);
        features.pipeInput(bytes("k1"), withDraws(TestModels.featureRecord("m", "with", null, 0.3)));
        features.pipeInput(bytes("k2"), TestModels.featureBytes("m", "without", null, 0.3));
        features.pipeInput(bytes("k3"), withDraws(TestModels.featureRecord("m", "with-7", 7, -0.4)));
        driver.advanceWallClockTime(LINGER);

        List<Prediction> scored = predictionsRead();
        assertThat(scored).extracting(Prediction::getRequestId).containsExactly("with", "without", "with-7");
        Prediction with = scored.get(0);
        Prediction without = scored.get(1);
        assertThat(without.getDraws()).isNull();
        assertThat(with.getDraws()).hasSize(20);
        assertThat(scored.get(2).getDraws()).hasSize(7);
        // Same input, same draws: asking for them changes nothing else.
        assertThat(with.getMean()).isEqualTo(without.getMean());
        assertThat(with.getStd()).isEqualTo(without.getStd());
        assertThat(with.getQuantiles()).isEqualTo(without.getQuantiles());
        // The default spec's noise: heteroscedastic Student-t, whose variance is scale^2 nu / (nu - 2).
        double varianceFactor = NoiseDistribution.of(TestModels.regression("m",
                1).likelihood().noiseDegreesOfFreedom()).varianceFactor();
        for (Prediction p : List.of(with, scored.get(2))) {
            double[] means = p.getDraws().stream().mapToDouble(d -> d.getMean()).toArray();
            double mean = Arrays.stream(means).average().orElseThrow();
            double spread = Arrays.stream(means).map(m -> (m - mean) * (m - mean)).average().orElseThrow();
            double noiseVariance = p.getDraws().stream()
                    .mapToDouble(d -> d.getNoiseStd() * d.getNoiseStd() * varianceFactor).average().orElseThrow();
            assertThat(mean).isCloseTo(p.getMean(), within(1e-9));
            assertThat(Math.sqrt(spread)).isCloseTo(p.getEpistemicStd(), within(1e-9));
            assertThat(Math.sqrt(noiseVariance)).isCloseTo(p.getAleatoricStd(), within(1e-9));
            assertThat(p.getDraws()).allSatisfy(d -> assertThat(d.getClassProbabilities()).isNull());
        }
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aClassifiersDrawsAreClassProbabilitiesThatAverageToThePrediction() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        ModelSpec spec = ModelSpec.classification("c", 2, 3).network(n -> n.withHidden(8))
                .scoring(sc -> sc.withScoreSamples(30)).seed(3).build();
        snapshots.pipeInput(bytes("c"), TestModels.snapshotBytes(TestModels.posterior(spec, 1), 1, T0));
        features.pipeInput(bytes("k"), withDraws(TestModels.featureRecord("c", "r", null, 0.5, -1.5)));
        driver.advanceWallClockTime(LINGER);

        Prediction p = predictionsRead().get(0);
        assertThat(p.getDraws()).hasSize(30).allSatisfy(d -> {
            assertThat(d.getNoiseStd()).isNull();
            assertThat(d.getClassProbabilities()).hasSize(3);
            assertThat(d.getMean()).isEqualTo(d.getClassProbabilities().get(p.getPredictedClass()));
        });
        for (int c = 0; c < 3; c++) {
            int k = c;
            double average = p.getDraws().stream().mapToDouble(d -> d.getClassProbabilities().get(k)).average().orElseThrow();
            assertThat(average).isCloseTo(p.getClassProbabilities().get(c), within(1e-9));
        }
    }

    @Test
    void drawsThatWouldMakeThePredictionTooLargeAreDeadLettered() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        ModelSpec spec = ModelSpec.classification("wide", 1, 200).network(n -> n.withHidden(8)).seed(3).build();
        snapshots.pipeInput(bytes("wide"), TestModels.snapshotBytes(TestModels.posterior(spec, 1), 1, T0));
        int most = PredictionCodec.maxSamplesWithDraws(200);
        features.pipeInput(bytes("k1"), withDraws(TestModels.featureRecord("wide", "too-many", most + 1, 0.5)));
        features.pipeInput(bytes("k2"), withDraws(TestModels.featureRecord("wide", "just-enough", most, 0.5)));
        driver.advanceWallClockTime(LINGER);

        DeadLetter letter = deadLetters().get(0);
        assertThat(letter.getErrorClass()).isEqualTo("TOO_MANY_DRAWS");
        assertThat(letter.getReason()).contains((most + 1) + " draws", "200-class model", "at most " + most + " samples");
        List<byte[]> scored = predictions.readValuesToList();
        assertThat(scored).hasSize(1);
        // Even with ids as long as an input may carry, it would fit in one 1 MiB produce request.
        assertThat(scored.get(0).length).isLessThan(1024 * 1024 - DeadLetters.MAX_INPUT_BYTES);
        Prediction p = AvroCodecs.prediction().decode(scored.get(0));
        assertThat(p.getRequestId()).isEqualTo("just-enough");
        assertThat(p.getDraws()).hasSize(most);
    }

    @Test
    void aSnapshotInPartsIsSwappedInOnlyOnceEveryPartHasArrived() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        publish("big", 1); // a small network first, in one record
        // Then a 1-400-400-1 network: 1.3 MB of snapshot, in three parts.
        ModelSpec large = ModelSpec.regression("big", 1).network(n -> n.withHidden(400, 400))
                .scoring(sc -> sc.withScoreSamples(20)).seed(7).build();
        List<SnapshotParts.Keyed> parts = SnapshotParts.of(WireFormat.singleObject().on(TOPICS.posteriorSnapshots(), AvroCodecs.posteriorSnapshot()),
                PosteriorCodec.toAvro(TestModels.posterior(large, 2), 2, T0.toEpochMilli(), null));
        assertThat(parts).hasSize(3);
        for (SnapshotParts.Keyed part : parts.subList(0, 2)) snapshots.pipeInput(part.key(), part.value());
        features.pipeInput(bytes("k1"), TestModels.featureBytes("big", "while-incomplete", null, 0.5));
        driver.advanceWallClockTime(LINGER);
        snapshots.pipeInput(parts.get(2).key(), parts.get(2).value());
        features.pipeInput(bytes("k2"), TestModels.featureBytes("big", "once-whole", null, 0.5));
        driver.advanceWallClockTime(LINGER);
        snapshots.pipeInput(parts.get(0).key(), (byte[]) null); // a part's tombstone: nothing in use changes
        features.pipeInput(bytes("k3"), TestModels.featureBytes("big", "after-a-part-tombstone", null, 0.5));
        driver.advanceWallClockTime(LINGER);

        List<Prediction> scored = predictionsRead();
        assertThat(scored).extracting(Prediction::getRequestId).containsExactly("while-incomplete", "once-whole", "after-a-part-tombstone");
        assertThat(scored).extracting(Prediction::getModelVersion).containsExactly(1L, 2L, 2L);
        assertThat(scored.get(2).getMean()).isEqualTo(scored.get(1).getMean());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void anUndecodableSnapshotLeavesThePreviousVersionInUse() throws DecodeException {
        start(NoModelPolicy.WAIT, 4, 100);
        publish("m", 1);
        snapshots.pipeInput(bytes("m"), bytes("not a snapshot"));
        features.pipeInput(bytes("k"), TestModels.featureBytes("m", "r", null, 0.5));
        driver.advanceWallClockTime(LINGER);

        assertThat(predictionsRead()).extracting(Prediction::getModelVersion).containsExactly(1L);
        assertThat(registry.get("credence.scorer.snapshots.rejected").tag("reason", DecodeException.MALFORMED)
                .counter().count()).isEqualTo(1.0);
    }

    private void publish(String modelId, long version) {
        ModelSpec spec = TestModels.regression(modelId, 1);
        Posterior posterior = TestModels.posterior(spec, version);
        snapshots.pipeInput(bytes(modelId), TestModels.snapshotBytes(posterior, version, T0));
    }

    private static byte[] withDraws(io.credence.avro.FeatureRecord record) {
        record.setIncludeDraws(true);
        return AvroCodecs.featureRecord().encode(record);
    }

    private List<Prediction> predictionsRead() throws DecodeException {
        List<Prediction> out = new java.util.ArrayList<>();
        for (byte[] value : predictions.readValuesToList()) out.add(AvroCodecs.prediction().decode(value));
        return out;
    }

    private List<DeadLetter> deadLetters() throws DecodeException {
        List<DeadLetter> out = new java.util.ArrayList<>();
        for (byte[] value : deadLetters.readValuesToList()) out.add(AvroCodecs.deadLetter().decode(value));
        return out;
    }

    private double dlqCount(String errorClass) {
        return registry.get("credence.scorer.dlq").tag("error_class", errorClass).counter().count();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
