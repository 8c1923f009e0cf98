package io.credence.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.Await;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.ModelSpecJson;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.trainer.config.TrainerTopics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static io.credence.trainer.TestRecords.trained;
import static org.assertj.core.api.Assertions.assertThat;

/** The trainer end to end on a real broker: two models side by side, bad input, spec changes. */
class TrainerIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @TempDir
    Path stateDir;

    @Test
    void twoInterleavedModelsTrainSideBySideAndTheirPrequentialNllFalls() throws Exception {
        int n = 1536;
        TrainerTopics topics = TrainerOverrides.topics("two", 2);
        Map<String, Object> config = TrainerOverrides.of(kafka.get().bootstrapServers(), "two-trainer", stateDir, topics);
        config.put("credence.trainer.default-spec.hidden", List.of(16));
        config.put("credence.trainer.default-spec.batch-size", 32);
        config.put("credence.trainer.default-spec.steps-per-batch", 5);
        config.put("credence.trainer.default-spec.snapshot-every-updates", 8);
        config.put("credence.trainer.default-spec.snapshot-every-seconds", 0);
        try (TrainerApp app = TrainerApp.start(config)) {
            Random sine = new Random(1);
            Random line = new Random(2);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Any key: the trainer repartitions by the model id inside the value.
                records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("s" + i), Examples.sine("sine", sine)));
                records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("l" + i), Examples.line("line", line)));
            }
            kafka.get().produce(records);

            List<TrainingMetrics> metrics = TestRecords.metrics(kafka.get().consumeUntil(topics.trainingMetrics(),
                    r -> trained(r, "sine", n) && trained(r, "line", n), WAIT));
            List<PosteriorSnapshot> snapshots = TestRecords.snapshots(kafka.get().consumeUntil(topics.posteriorSnapshots(),
                    r -> TestRecords.snapshots(r).stream().filter(s -> s.getRecordsSeen() == n).count() == 2, WAIT));
            for (String model : List.of("sine", "line")) {
                List<TrainingMetrics> m = metrics.stream().filter(t -> t.getModelId().equals(model)).toList();
                assertThat(m).extracting(TrainingMetrics::getRecordsSeen)
                        .as("every record of %s trained exactly once", model)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, n / 32).map(u -> 32 * u).boxed().toList());
                double firstQuarter = nllBetween(m, 0, n / 4);
                double lastQuarter = nllBetween(m, 3 * n / 4, n);
                // The repartition interleaves the two input partitions in whatever order they arrive, so the batches
                // differ from run to run (sine: 1.29 -> 0.83 in one order, lower in others): a fall by a quarter holds in all.
                System.out.printf("%s prequential NLL: first quarter %.3f, last quarter %.3f%n", model, firstQuarter, lastQuarter);
                assertThat(lastQuarter).as("%s prequential NLL: first quarter %s, last quarter %s", model, firstQuarter, lastQuarter)
                        .isLessThan(0.75 * firstQuarter);

                List<PosteriorSnapshot> s = snapshots.stream().filter(p -> p.getModelId().equals(model)).toList();
                assertThat(s).extracting(PosteriorSnapshot::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                assertThat(s).extracting(PosteriorSnapshot::getRecordsSeen).containsExactly(256L, 512L, 768L, 1024L, 1280L, 1536L);
            }

            JsonNode models = JSON.readTree(Http.get(app.url(), "/models").body());
            assertThat(models).hasSize(2);
            for (JsonNode model : models) {
                assertThat(model.get("recordsSeen").asLong()).isEqualTo(n);
                assertThat(model.get("updates").asLong()).isEqualTo(n / 32);
                assertThat(model.get("version").asLong()).isEqualTo(6);
                assertThat(model.get("prequential").get("nll").isNumber()).isTrue();
                assertThat(model.get("lastSnapshotTime").asText()).isNotBlank();
            }
            JsonNode sine1 = JSON.readTree(Http.get(app.url(), "/models/sine").body());
            assertThat(sine1.get("modelId").asText()).isEqualTo("sine");
            String scrape = Http.get(app.url(), "/prometheus").body();
            assertThat(scrape).containsPattern("credence_trainer_records_total\\{[^}]*model=\"sine\"[^}]*} 1536\\.0")
                    .containsPattern("credence_trainer_updates_total\\{[^}]*model=\"line\"[^}]*} 48\\.0")
                    .containsPattern("credence_trainer_step_latency_seconds_count\\{[^}]*model=\"line\"[^}]*} 48")
                    .contains("credence_trainer_elbo{", "credence_trainer_kl{", "credence_trainer_nll{");
        }
    }

    @Test
    void everyBadInputIsDeadLetteredWithItsReasonAndEveryGoodOneIsTrained() throws Exception {
        TrainerTopics topics = TrainerOverrides.topics("bad", 1);
        Map<String, Object> config = TrainerOverrides.of(kafka.get().bootstrapServers(), "bad-trainer", stateDir, topics);
        config.put("credence.trainer.default-spec.hidden", List.of(8));
        config.put("credence.trainer.default-spec.batch-size", 32);
        try (TrainerApp app = TrainerApp.start(config)) {
            ModelSpec clf = ModelSpec.classification("clf", 2, 3).network(n -> n.withHidden(8))
                    .optimiser(o -> o.withBatchSize(16)).build();
            kafka.get().produce(topics.modelSpecs(), utf8("clf"), TestRecords.spec(clf));
            Await.until("model clf created from its spec", WAIT, () -> Http.get(app.url(), "/models/clf").status() == 200);

            List<Bad> bad = List.of(
                    new Bad("MALFORMED", utf8("hello")),
                    new Bad("MALFORMED", null),
                    new Bad("MALFORMED", TestRecords.labeled(" ", new double[] {1}, 1)),
                    new Bad("WRONG_SCHEMA", AvroCodecs.featureRecord().encode(FeatureRecord.newBuilder().setModelId("reg")
                            .setRequestId("r").setFeatures(List.of(1.0)).setEventTime(Instant.EPOCH).build())),
                    new Bad("NON_FINITE", TestRecords.labeled("clf", new double[] {Double.NaN, 0}, 1)),
                    new Bad("NON_FINITE", TestRecords.labeled("reg", new double[] {0.5}, Double.POSITIVE_INFINITY)),
                    new Bad("FEATURE_COUNT", TestRecords.labeled("clf", new double[] {1}, 1)),
                    new Bad("FEATURE_COUNT", TestRecords.labeled("reg", new double[] {1, 2, 3}, 1)),
                    new Bad("LABEL_RANGE", TestRecords.labeled("clf", new double[] {1, 1}, 3)),
                    new Bad("LABEL_RANGE", TestRecords.labeled("clf", new double[] {1, 1}, 1.5)),
                    new Bad("BAD_WEIGHT", TestRecords.labeled("reg", new double[] {1}, 1, -1.0)));
            Random random = new Random(3);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            int clfGood = 160;
            int regGood = 96;
            for (int i = 0; i < clfGood; i++) {
                double[] x = {random.nextGaussian(), random.nextGaussian()};
                records.add(new ProducerRecord<>(topics.labeledRecords(), TestRecords.labeled("clf", x, x[0] > 0.5 ? 2 : x[0] < -0.5 ? 0 : 1)));
                if (i < regGood) records.add(new ProducerRecord<>(topics.labeledRecords(), Examples.line("reg", random)));
                if (i % 10 == 5 && i / 10 < bad.size()) records.add(new ProducerRecord<>(topics.labeledRecords(), bad.get(i / 10).value()));
            }
            List<RecordMetadata> written = kafka.get().produce(records);

            io.credence.avro.ModelSpec invalid = ModelSpecCodec.toAvro(clf);
            invalid.setFeatures(0);
            List<Bad> badSpecs = List.of(
                    new Bad("INVALID_SPEC", AvroCodecs.modelSpec().encode(invalid)),
                    new Bad("MALFORMED", utf8("{\"modelId\": \"clf\"}")));
            kafka.get().produce(topics.modelSpecs(), utf8("clf"), badSpecs.get(0).value());
            kafka.get().produce(topics.modelSpecs(), utf8("clf"), badSpecs.get(1).value());
            kafka.get().produce(topics.modelSpecs(), utf8("someone-else"), TestRecords.spec(clf));

            int expected = bad.size() + badSpecs.size() + 1;
            List<DeadLetter> letters = kafka.get().consume(topics.deadLetters(), expected, WAIT).stream()
                    .map(r -> TestRecords.deadLetter(r.value())).toList();
            List<TrainingMetrics> metrics = TestRecords.metrics(kafka.get().consumeUntil(topics.trainingMetrics(),
                    r -> trained(r, "clf", clfGood) && trained(r, "reg", regGood), WAIT));

            assertThat(letters).hasSize(expected);
            assertThat(letters).allSatisfy(l -> assertThat(l.getReason()).isNotBlank());
            for (Bad b : bad) {
                int index = indexOf(records, b.value());
                assertThat(letters).as("dead letter of a %s input", b.errorClass()).anySatisfy(l -> {
                    assertThat(l.getErrorClass()).isEqualTo(b.errorClass());
                    assertThat(TestRecords.bytes(l.getValue())).isEqualTo(b.value());
                    assertThat(l.getSourceTopic()).isEqualTo(topics.labeledRecords());
                    assertThat(l.getOffset()).isEqualTo(written.get(index).offset());
                });
            }
            for (Bad b : badSpecs) {
                assertThat(letters).anySatisfy(l -> {
                    assertThat(l.getErrorClass()).isEqualTo(b.errorClass());
                    assertThat(TestRecords.bytes(l.getValue())).isEqualTo(b.value());
                    assertThat(l.getSourceTopic()).isEqualTo(topics.modelSpecs());
                });
            }
            assertThat(letters).filteredOn(l -> l.getReason().contains("someone-else")).singleElement()
                    .satisfies(l -> assertThat(l.getErrorClass()).isEqualTo("INVALID_SPEC"));

            // The invalid spec left clf's spec as it was: all its 2-feature records trained, in batches of 16.
            assertThat(metrics.stream().filter(m -> m.getModelId().equals("clf")).map(TrainingMetrics::getRecordsSeen))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, clfGood / 16).map(u -> 16 * u).boxed().toList());
            assertThat(metrics.stream().filter(m -> m.getModelId().equals("reg")).map(TrainingMetrics::getRecordsSeen))
                    .containsExactly(32L, 64L, 96L);
            String scrape = Http.get(app.url(), "/prometheus").body();
            assertThat(scrape).containsPattern("credence_trainer_dead_letters_total\\{[^}]*error_class=\"LABEL_RANGE\"[^}]*} 2\\.0")
                    .containsPattern("credence_trainer_dead_letters_total\\{[^}]*error_class=\"INVALID_SPEC\"[^}]*} 2\\.0");
        }
    }

    @Test
    void aCompatibleSpecChangeContinuesThePosteriorAndAnIncompatibleOneStartsANewOne() throws Exception {
        TrainerTopics topics = TrainerOverrides.topics("change", 1);
        try (TrainerApp app = TrainerApp.start(TrainerOverrides.of(kafka.get().bootstrapServers(), "change-trainer", stateDir, topics))) {
            ModelSpec spec = ModelSpec.regression("m", 1).network(n -> n.withHidden(8))
                    .optimiser(o -> o.withBatchSize(32)).streaming(s -> s.withSnapshotEvery(1, 0)).build();
            kafka.get().produce(topics.modelSpecs(), utf8("m"), TestRecords.spec(spec));
            Await.until("model m created from its spec", WAIT, () -> Http.get(app.url(), "/models/m").status() == 200);
            Random random = new Random(4);
            feed(topics, random, 64);
            awaitSnapshot(topics, s -> s.getVersion() == 2);

            kafka.get().produce(topics.modelSpecs(), utf8("m"), TestRecords.spec(spec.toBuilder()
                    .optimiser(o -> o.withLearningRate(0.001)).scoring(sc -> sc.withScoreSamples(50)).build()));
            awaitSnapshot(topics, s -> s.getVersion() == 3);
            feed(topics, random, 64);
            awaitSnapshot(topics, s -> s.getVersion() == 5);

            kafka.get().produce(topics.modelSpecs(), utf8("m"), TestRecords.spec(spec.toBuilder()
                    .network(n -> n.withHidden(4)).build()));
            awaitSnapshot(topics, s -> s.getVersion() == 6);
            feed(topics, random, 64);
            List<PosteriorSnapshot> s = awaitSnapshot(topics, p -> p.getVersion() == 8);

            assertThat(s).extracting(PosteriorSnapshot::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(s).extracting(PosteriorSnapshot::getRecordsSeen).containsExactly(32L, 64L, 64L, 96L, 128L, 0L, 32L, 64L);
            PosteriorSnapshot beforeChange = s.get(1);
            PosteriorSnapshot compatible = s.get(2);
            assertThat(compatible.getSpec().getOptimizer().getLearningRate()).isEqualTo(0.001);
            assertThat(compatible.getSpec().getScoreSamples()).isEqualTo(50);
            assertThat(TestRecords.parameters(compatible)).as("the posterior continues unchanged across a compatible change")
                    .usingElementComparator(Arrays::compare).containsExactlyElementsOf(TestRecords.parameters(beforeChange));
            PosteriorSnapshot restarted = s.get(5);
            assertThat(restarted.getSpec().getHidden()).containsExactly(4);
            assertThat(restarted.getUpdates()).isZero();
            assertThat(restarted.getLayers().get(0).getWeightMu().getShape()).containsExactly(1, 4);
            assertThat(s.get(7).getSpec().getHidden()).containsExactly(4);

            JsonNode m = JSON.readTree(Http.get(app.url(), "/models/m").body());
            assertThat(m.get("version").asLong()).isEqualTo(8);
            assertThat(m.get("recordsSeen").asLong()).isEqualTo(64);
            assertThat(m.get("hidden").get(0).asInt()).isEqualTo(4);
            assertThat(ModelSpecJson.fromJson(m.get("spec").toString())).as("the spec, in spec.json's format")
                    .isEqualTo(ModelSpecCodec.toCore(s.get(7).getSpec()));
        }
    }

    private void feed(TrainerTopics topics, Random random, int n) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) records.add(new ProducerRecord<>(topics.labeledRecords(), Examples.line("m", random)));
        kafka.get().produce(records);
    }

    private List<PosteriorSnapshot> awaitSnapshot(TrainerTopics topics, Predicate<PosteriorSnapshot> condition) {
        return TestRecords.snapshots(kafka.get().consumeUntil(topics.posteriorSnapshots(),
                r -> TestRecords.snapshots(r).stream().anyMatch(condition), WAIT));
    }

    /** Prequential NLL over the examples scored between cumulative counts {@code from} and {@code to}. */
    private static double nllBetween(List<TrainingMetrics> metrics, long from, long to) {
        double total = 0;
        for (TrainingMetrics m : metrics) {
            double sum = m.getCumulative().getNll() * m.getCumulative().getCount();
            if (m.getRecordsSeen() == to) total += sum;
            if (m.getRecordsSeen() == from) total -= sum;
        }
        return total / (to - from);
    }

    private static int indexOf(List<ProducerRecord<byte[], byte[]>> records, byte[] value) {
        for (int i = 0; i < records.size(); i++) {
            if (Arrays.equals(records.get(i).value(), value)) return i;
        }
        throw new AssertionError("not produced");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A bad input and the error class it must be dead-lettered with. */
    private record Bad(String errorClass, byte[] value) {
    }
}
