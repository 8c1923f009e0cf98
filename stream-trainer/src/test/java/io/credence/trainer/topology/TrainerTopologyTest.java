package io.credence.trainer.topology;

import io.credence.trainer.processor.TrainerCodecs;
import io.credence.schemas.serde.WireFormat;
import io.credence.avro.DeadLetter;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.trainer.TestRecords;
import io.credence.avro.TrainerState;
import io.credence.schemas.parts.Parts;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.parts.SnapshotKeys;
import io.credence.trainer.config.ModelSizeLimit;
import io.credence.trainer.processor.CheckpointStore;
import io.credence.trainer.processor.LearnerProcessor;
import org.apache.kafka.streams.state.KeyValueStore;
import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.metrics.TrainerMetrics;
import io.credence.trainer.processor.ModelPartitioning;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static io.credence.trainer.TestRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The trainer topology on TopologyTestDriver: routing of bad input, batching, metrics, snapshots and spec changes. */
class TrainerTopologyTest {

    private static final TrainerTopics TOPICS = new TrainerTopics("labeled", "specs", "snapshots", "metrics", "dlq", 1, (short) 1);
    /** Batches of 4, a snapshot every 2 updates; idle batches flushed after 5 s. */
    private static final ModelSpec DEFAULT = ModelSpec.regression("default", 1).network(n -> n.withHidden(8))
            .optimiser(o -> o.withBatchSize(4))
            .streaming(s -> s.withSnapshotEvery(2, 0)).seed(7).build();
    /** 64 MiB a model: hidden [400, 400] (about 40 MiB) is taken, [512, 512] (about 66 MiB) is not. */
    private static final ModelSizeLimit LIMIT = ModelSizeLimit.of(64, Runtime.getRuntime().maxMemory());

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TrainerMetrics metrics;
    private TestInputTopic<byte[], byte[]> labeled;
    private TestInputTopic<byte[], byte[]> specs;
    private TestOutputTopic<byte[], byte[]> snapshots;
    private TestOutputTopic<byte[], byte[]> trainingMetrics;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        metrics = new TrainerMetrics(new SimpleMeterRegistry());
        TrainerSettings settings = new TrainerSettings(DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(1), false, 0.5, 1000, LIMIT);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trainer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TrainerTopology.build(new StreamsBuilder(), TOPICS, settings, metrics, new ModelPartitioning(1, false),
                TrainerCodecs.of(TOPICS, WireFormat.singleObject())), props,
                Instant.ofEpochMilli(1_000_000));
        ByteArraySerializer ser = new ByteArraySerializer();
        ByteArrayDeserializer de = new ByteArrayDeserializer();
        labeled = driver.createInputTopic(TOPICS.labeledRecords(), ser, ser);
        specs = driver.createInputTopic(TOPICS.modelSpecs(), ser, ser);
        snapshots = driver.createOutputTopic(TOPICS.posteriorSnapshots(), de, de);
        trainingMetrics = driver.createOutputTopic(TOPICS.trainingMetrics(), de, de);
        dlq = driver.createOutputTopic(TOPICS.deadLetters(), de, de);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void undecodableBytesAreDeadLetteredWithReasonOriginAndOriginalBytes() {
        byte[] garbage = {1, 2, 3};
        labeled.pipeInput(utf8("some-key"), garbage);

        TestRecord<byte[], byte[]> out = dlq.readRecord();
        DeadLetter letter = TestRecords.deadLetter(out.value());
        assertThat(letter.getApp()).isEqualTo("stream-trainer");
        assertThat(letter.getErrorClass()).isEqualTo("MALFORMED");
        assertThat(letter.getReason()).contains("3 bytes");
        assertThat(letter.getSourceTopic()).isEqualTo("labeled");
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).isZero();
        assertThat(bytes(letter.getKey())).isEqualTo(utf8("some-key"));
        assertThat(bytes(letter.getValue())).isEqualTo(garbage);
        assertThat(out.key()).isEqualTo(utf8("some-key"));
        assertThat(metrics.deadLetters("labeled", "MALFORMED")).isEqualTo(1.0);
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(trainingMetrics.isEmpty()).isTrue();
    }

    @Test
    void aSpecOnTheLabeledTopicHasTheWrongSchema() {
        byte[] spec = TestRecords.spec(DEFAULT.toBuilder().modelId("m").build());
        labeled.pipeInput(null, spec);

        DeadLetter letter = TestRecords.deadLetter(dlq.readValue());
        assertThat(letter.getErrorClass()).isEqualTo("WRONG_SCHEMA");
        assertThat(letter.getReason()).contains("io.credence.avro.ModelSpec");
        assertThat(letter.getKey()).isNull();
        assertThat(bytes(letter.getValue())).isEqualTo(spec);
    }

    @Test
    void anInvalidSpecIsDeadLettered() {
        io.credence.avro.ModelSpec avro = ModelSpecCodec.toAvro(DEFAULT.toBuilder().modelId("m").build());
        avro.setBatchSize(0);
        byte[] bad = AvroCodecs.modelSpec().encode(avro);
        specs.pipeInput(utf8("m"), bad);

        DeadLetter letter = TestRecords.deadLetter(dlq.readValue());
        assertThat(letter.getErrorClass()).isEqualTo("INVALID_SPEC");
        assertThat(letter.getReason()).contains("batchSize");
        assertThat(letter.getSourceTopic()).isEqualTo("specs");
        assertThat(bytes(letter.getValue())).isEqualTo(bad);
        assertThat(metrics.deadLetters("specs", "INVALID_SPEC")).isEqualTo(1.0);
    }

    @Test
    void aSpecKeyedByAnotherModelIsDeadLettered() {
        specs.pipeInput(utf8("other"), TestRecords.spec(DEFAULT.toBuilder().modelId("m").build()));

        DeadLetter letter = TestRecords.deadLetter(dlq.readValue());
        assertThat(letter.getErrorClass()).isEqualTo("INVALID_SPEC");
        assertThat(letter.getReason()).contains("'other'", "'m'");
    }

    @Test
    void anInputOverTheSizeLimitIsDeadLetteredWithoutItsBytes() {
        // A well-formed record whose copy on the repartition topic (or whose dead letter) would exceed Kafka's 1 MiB
        // request limit: writing it would fail and stop the trainer.
        byte[] huge = TestRecords.labeled("m", new double[DeadLetters.MAX_INPUT_BYTES / Double.BYTES], 0.5);
        labeled.pipeInput(utf8("k"), huge);
        specs.pipeInput(utf8("m"), new byte[DeadLetters.MAX_INPUT_BYTES + 1]);

        List<DeadLetter> letters = dlq.readValuesToList().stream().map(TestRecords::deadLetter).toList();
        assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("TOO_LARGE", "TOO_LARGE");
        assertThat(letters).extracting(DeadLetter::getSourceTopic).containsExactly("labeled", "specs");
        assertThat(letters.get(0).getReason()).contains(huge.length + " value bytes", "labeled-0@0");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getKey()).isNull();
            assertThat(l.getValue()).isNull();
        });
        assertThat(metrics.deadLetters("labeled", "TOO_LARGE")).isEqualTo(1.0);
        assertThat(metrics.deadLetters("specs", "TOO_LARGE")).isEqualTo(1.0);
    }

    @Test
    void anOverLongModelIdIsRefusedOnBothInputs() {
        // The id is repeated in every snapshot, metrics and state record of the model: 300 KB of it would overflow them.
        String longId = "m".repeat(300_000);
        labeled.pipeInput(utf8("k"), TestRecords.labeled(longId, new double[] {1}, 0.5));
        specs.pipeInput(null, TestRecords.spec(DEFAULT.toBuilder().modelId(longId).build()));

        List<DeadLetter> letters = dlq.readValuesToList().stream().map(TestRecords::deadLetter).toList();
        assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("MALFORMED", "INVALID_SPEC");
        assertThat(letters).allSatisfy(l -> assertThat(l.getReason()).contains("300000 bytes long, more than 255"));
        assertThat(trainingMetrics.isEmpty()).isTrue();
    }

    @Test
    void aModelIdWithANulCharacterIsRefusedOnBothInputs() {
        // NUL separates a model id from a part number in the keys of snapshots and checkpoints kept in parts.
        labeled.pipeInput(utf8("k"), TestRecords.labeled("a\u00001", new double[] {1}, 0.5));
        specs.pipeInput(null, TestRecords.spec(DEFAULT.toBuilder().modelId("a\u00001").build()));

        List<DeadLetter> letters = dlq.readValuesToList().stream().map(TestRecords::deadLetter).toList();
        assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("MALFORMED", "INVALID_SPEC");
        assertThat(letters).allSatisfy(l -> assertThat(l.getReason()).contains("contains a NUL character"));
        assertThat(trainingMetrics.isEmpty()).isTrue();
    }

    @Test
    void aModelTooLargeForOneRecordPublishesItsSnapshotsInPartsAndKeepsItsStateInParts() throws Exception {
        ModelSpec large = DEFAULT.toBuilder().modelId("large").network(n -> n.withHidden(400, 400)).build();
        specs.pipeInput(utf8("large"), TestRecords.spec(large));
        feed("large", 8); // two updates: a snapshot

        List<TestRecord<byte[], byte[]>> records = snapshots.readRecordsToList();
        SnapshotAssembler assembler = new SnapshotAssembler(WireFormat.singleObject().on(TOPICS.posteriorSnapshots(), AvroCodecs.posteriorSnapshot()));
        List<PosteriorSnapshot> wholes = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : records) assembler.accept(r.value()).ifPresent(w -> wholes.add(w.snapshot()));
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(Parts.MAX_RECORD_BYTES));
        assertThat(records).extracting(r -> SnapshotKeys.modelId(r.key())).containsOnly("large");
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("large\u00000", "large\u00001", "large\u00002");
        assertThat(wholes).singleElement().satisfies(w -> {
            assertThat(w.getVersion()).isEqualTo(1);
            assertThat(w.getRecordsSeen()).isEqualTo(8);
            assertThat(w.getLayers()).hasSize(3);
        });
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(LearnerProcessor.LEARNER_STORE);
        TrainerState state = CheckpointStore.read(store, "large").orElseThrow();
        assertThat(state.getPosterior().getRecordsSeen()).isEqualTo(8);
        assertThat(state.getPosterior().getVersion()).isEqualTo(1);
        List<Integer> sizes = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> sizes.add(kv.value.length));
        }
        assertThat(sizes).hasSizeGreaterThan(5).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(Parts.MAX_RECORD_BYTES));
    }

    @Test
    void aSpecOverTheModelSizeLimitIsInvalid() {
        ModelSpec big = DEFAULT.toBuilder().modelId("big").network(n -> n.withHidden(512, 512)).build();
        specs.pipeInput(utf8("big"), TestRecords.spec(big));
        feed("big", 4);

        DeadLetter letter = TestRecords.deadLetter(dlq.readValue());
        assertThat(letter.getErrorClass()).isEqualTo("INVALID_SPEC");
        assertThat(letter.getReason()).contains(big.parameterCount() + " weights and biases", "MiB of heap", "limit of 64 MiB");
        // Its records train under the default spec, as for any model without a (valid) spec.
        assertThat(TestRecords.metrics(trainingMetrics.readValue()).getRecordsSeen()).isEqualTo(4);
    }

    @Test
    void recordsFailingTheSpecChecksAreDeadLetteredWithTheirOriginThroughTheRepartition() {
        byte[] twoFeatures = TestRecords.labeled("m", new double[] {1, 2}, 0.5);
        byte[] nanLabel = TestRecords.labeled("m", new double[] {1}, Double.NaN);
        labeled.pipeInput(utf8("k0"), twoFeatures);
        labeled.pipeInput(utf8("k1"), nanLabel);

        List<DeadLetter> letters = dlq.readValuesToList().stream().map(TestRecords::deadLetter).toList();
        assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("FEATURE_COUNT", "NON_FINITE");
        assertThat(letters).extracting(DeadLetter::getSourceTopic).containsOnly("labeled");
        assertThat(letters).extracting(DeadLetter::getOffset).containsExactly(0L, 1L);
        assertThat(bytes(letters.get(0).getKey())).isEqualTo(utf8("k0"));
        assertThat(bytes(letters.get(0).getValue())).isEqualTo(twoFeatures);
        assertThat(bytes(letters.get(1).getValue())).isEqualTo(nanLabel);
        assertThat(letters.get(0).getReason()).contains("expects 1 features, got 2");
        assertThat(trainingMetrics.isEmpty()).isTrue();
    }

    @Test
    void keyedInputSkipsTheRepartitionTrainsTheSamePosteriorAndDeadLettersWithTheOrigin() {
        byte[] twoFeatures = TestRecords.labeled("m", new double[] {1, 2}, 0.5);
        List<byte[]> good = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) good.add(TestRecords.labeled("m", new double[] {i}, 2.0 * i));
        good.forEach(v -> labeled.pipeInput(utf8("k"), v));
        PosteriorSnapshot repartitioned = TestRecords.snapshot(snapshots.readValuesToList().get(0));

        // The same records keyed by model id through the keyed topology (one partition: every key belongs on it).
        TrainerSettings keyed = new TrainerSettings(DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(1), true, 0.5, 1000, LIMIT);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trainer-keyed-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("keyed").toString());
        var topology = TrainerTopology.build(new StreamsBuilder(), TOPICS, keyed, metrics, new ModelPartitioning(1, true),
                TrainerCodecs.of(TOPICS, WireFormat.singleObject()));
        assertThat(topology.describe().toString()).doesNotContain("repartition");
        try (TopologyTestDriver keyedDriver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(1_000_000))) {
            ByteArraySerializer ser = new ByteArraySerializer();
            ByteArrayDeserializer de = new ByteArrayDeserializer();
            TestInputTopic<byte[], byte[]> in = keyedDriver.createInputTopic(TOPICS.labeledRecords(), ser, ser);
            in.pipeInput(utf8("m"), good.get(0));
            in.pipeInput(utf8("m"), twoFeatures);
            good.subList(1, good.size()).forEach(v -> in.pipeInput(utf8("m"), v));

            DeadLetter letter = TestRecords.deadLetter(keyedDriver.createOutputTopic(TOPICS.deadLetters(), de, de).readValue());
            assertThat(letter.getErrorClass()).isEqualTo("FEATURE_COUNT");
            assertThat(letter.getSourceTopic()).isEqualTo("labeled");
            assertThat(letter.getOffset()).isEqualTo(1L);
            assertThat(bytes(letter.getKey())).isEqualTo(utf8("m"));
            assertThat(bytes(letter.getValue())).isEqualTo(twoFeatures);

            List<PosteriorSnapshot> published = keyedDriver.createOutputTopic(TOPICS.posteriorSnapshots(), de, de)
                    .readValuesToList().stream().map(TestRecords::snapshot).toList();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).getRecordsSeen()).isEqualTo(8);
            assertThat(published.get(0).getLayers()).isEqualTo(repartitioned.getLayers());
            assertThat(published.get(0).getInputStandardizer()).isEqualTo(repartitioned.getInputStandardizer());
        }
    }

    @Test
    void recordsInPlaceAndRecordsCrossingTheRepartitionMeetInOneLearnerEachDeadLetteredWithItsOwnOrigin() {
        byte[] twoFeatures = TestRecords.labeled("m", new double[] {1, 2}, 0.5);
        labeled.pipeInput(utf8("m"), twoFeatures);                        // in place: straight to the learner
        labeled.pipeInput(utf8("k1"), twoFeatures);                       // any other key: through by-model
        for (int i = 0; i < 8; i++) {
            labeled.pipeInput(utf8(i % 2 == 0 ? "m" : "k" + i), TestRecords.labeled("m", new double[] {i}, 2.0 * i));
        }

        List<DeadLetter> letters = dlq.readValuesToList().stream().map(TestRecords::deadLetter).toList();
        assertThat(letters).extracting(DeadLetter::getErrorClass).containsExactly("FEATURE_COUNT", "FEATURE_COUNT");
        assertThat(letters).extracting(DeadLetter::getSourceTopic).containsOnly("labeled");
        assertThat(letters).extracting(DeadLetter::getOffset).containsExactly(0L, 1L);
        assertThat(letters).extracting(l -> new String(bytes(l.getKey()), StandardCharsets.UTF_8)).containsExactly("m", "k1");
        List<TrainingMetrics> reports = trainingMetrics.readValuesToList().stream().map(TestRecords::metrics).toList();
        assertThat(reports).extracting(TrainingMetrics::getRecordsSeen).containsExactly(4L, 8L);
    }

    @Test
    void fullBatchesAreLearnedReportedAndSnapshottedWithIncreasingVersions() {
        for (int i = 0; i < 8; i++) labeled.pipeInput(utf8("k" + i), TestRecords.labeled("m", new double[] {i}, 2.0 * i));

        List<TrainingMetrics> reports = trainingMetrics.readValuesToList().stream().map(TestRecords::metrics).toList();
        assertThat(reports).extracting(TrainingMetrics::getUpdates).containsExactly(1L, 2L);
        assertThat(reports).extracting(TrainingMetrics::getRecordsSeen).containsExactly(4L, 8L);
        assertThat(reports).extracting(TrainingMetrics::getBatchSize).containsExactly(4, 4);
        assertThat(reports.get(1).getCumulative().getCount()).isEqualTo(8.0);

        List<PosteriorSnapshot> published = snapshots.readValuesToList().stream().map(TestRecords::snapshot).toList();
        assertThat(published).hasSize(1);
        PosteriorSnapshot s = published.get(0);
        assertThat(s.getModelId()).isEqualTo("m");
        assertThat(s.getVersion()).isEqualTo(1);
        assertThat(s.getRecordsSeen()).isEqualTo(8);
        assertThat(s.getUpdates()).isEqualTo(2);
        assertThat(s.getSpec().getHidden()).containsExactly(8);
        assertThat(s.getMetrics().getUpdates()).isEqualTo(2);
    }

    @Test
    void anIdlePartialBatchIsLearnedAfterTheIdleTime() {
        for (int i = 0; i < 3; i++) labeled.pipeInput(TestRecords.labeled("m", new double[] {i}, i));
        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertThat(trainingMetrics.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        TrainingMetrics report = TestRecords.metrics(trainingMetrics.readValue());
        assertThat(report.getBatchSize()).isEqualTo(3);
        assertThat(report.getRecordsSeen()).isEqualTo(3);
    }

    @Test
    void aTimeBasedSnapshotIsPublishedOnlyWhenSomethingChanged() {
        // No rehearsal, which would change the posterior once the model is quiet.
        specs.pipeInput(utf8("m"), TestRecords.spec(DEFAULT.toBuilder().modelId("m")
                .streaming(s -> s.withSnapshotEvery(0, 2.0).withReplayBudget(0)).build()));
        for (int i = 0; i < 4; i++) labeled.pipeInput(TestRecords.labeled("m", new double[] {i}, i));
        assertThat(snapshots.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(TestRecords.snapshot(snapshots.readValue()).getVersion()).isEqualTo(1);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(snapshots.isEmpty()).isTrue();
    }

    @Test
    void aCompatibleSpecChangeContinuesThePosteriorAndAnIncompatibleOneRestartsIt() {
        ModelSpec spec = DEFAULT.toBuilder().modelId("m").streaming(s -> s.withSnapshotEvery(1, 0)).build();
        specs.pipeInput(utf8("m"), TestRecords.spec(spec));
        feed("m", 4);
        specs.pipeInput(utf8("m"), TestRecords.spec(spec.toBuilder().optimiser(o -> o.withLearningRate(0.001))
                .build()));
        feed("m", 4);
        specs.pipeInput(utf8("m"), TestRecords.spec(spec.toBuilder().network(n -> n.withHidden(4)).build()));
        feed("m", 4);

        List<PosteriorSnapshot> published = snapshots.readValuesToList().stream().map(TestRecords::snapshot).toList();
        // v2 and v4 are published by the spec changes themselves.
        assertThat(published).extracting(PosteriorSnapshot::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(published).extracting(PosteriorSnapshot::getRecordsSeen).containsExactly(4L, 4L, 8L, 0L, 4L);
        assertThat(published.get(1).getSpec().getOptimizer().getLearningRate()).isEqualTo(0.001);
        assertThat(published.get(1).getLayers()).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(published.get(0).getLayers());
        assertThat(published.get(3).getSpec().getHidden()).containsExactly(4);
        assertThat(published.get(4).getSpec().getHidden()).containsExactly(4);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void aStepThatGoesNonFiniteIsRejectedCountedAndTheLastGoodPosteriorKept() {
        // A step of 1e200 overflows the parameter norm: the learner must refuse it.
        ModelSpec exploding = DEFAULT.toBuilder().modelId("m").optimiser(o -> o.withLearningRate(1e200))
                .streaming(s -> s.withSnapshotEvery(1, 0)).build();
        specs.pipeInput(utf8("m"), TestRecords.spec(exploding));
        feed("m", 4);

        TrainingMetrics report = TestRecords.metrics(trainingMetrics.readValue());
        assertThat(report.getRejectedSteps()).isEqualTo(1);
        assertThat(report.getUpdates()).isZero();
        assertThat(report.getRecordsSeen()).isZero();
        assertThat(snapshots.isEmpty()).as("nothing changed, so nothing is published").isTrue();
        assertThat(metrics.stepsRejected("m")).isEqualTo(1.0);

        specs.pipeInput(utf8("m"), TestRecords.spec(exploding.toBuilder().optimiser(o -> o.withLearningRate(0.01))
                .build()));
        PosteriorSnapshot kept = TestRecords.snapshot(snapshots.readValue());
        assertThat(kept.getUpdates()).isZero();
        assertThat(TestRecords.parameters(kept)).allSatisfy(values -> {
            java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(values).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            while (floats.hasRemaining()) assertThat(Float.isFinite(floats.get())).isTrue();
        });
        feed("m", 4);
        assertThat(TestRecords.snapshot(snapshots.readValue()).getRecordsSeen()).isEqualTo(4);
    }

    @Test
    void aQuietModelRehearsesUntilItsBudgetIsSpentAndThenPublishesOnce() {
        // 8 records, 3 rehearsal examples per record: 24 examples, 6 rehearsal steps of 4.
        specs.pipeInput(utf8("m"), TestRecords.spec(DEFAULT.toBuilder().modelId("m")
                .streaming(s -> s.withSnapshotEvery(100, 0).withReplay(1000, 0, 3)).build()));
        feed("m", 8);
        assertThat(trainingMetrics.readValuesToList()).hasSize(2);
        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertThat(snapshots.isEmpty()).as("not quiet yet").isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        PosteriorSnapshot rehearsed = TestRecords.snapshot(snapshots.readValue());
        assertThat(rehearsed.getUpdates()).isEqualTo(2 + 6);
        assertThat(rehearsed.getRecordsSeen()).as("rehearsed examples are not new records").isEqualTo(8);
        assertThat(trainingMetrics.isEmpty()).as("rehearsal emits no training metrics").isTrue();
        assertThat(metrics.rehearsalSteps("m")).isEqualTo(6.0);
        // The replay store is written with the checkpoint: the 8 examples learned before it, as one entry.
        assertThat(driver.<org.apache.kafka.common.utils.Bytes, byte[]>getKeyValueStore("replay").approximateNumEntries()).isEqualTo(1);

        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(snapshots.isEmpty()).as("the budget is spent: nothing more to publish").isTrue();
        feed("m", 4);
        assertThat(TestRecords.metrics(trainingMetrics.readValue()).getRecordsSeen()).isEqualTo(12);
    }

    private void feed(String modelId, int n) {
        for (int i = 0; i < n; i++) labeled.pipeInput(TestRecords.labeled(modelId, new double[] {i}, 0.5 * i));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
