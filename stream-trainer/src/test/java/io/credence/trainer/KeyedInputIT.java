package io.credence.trainer;

import io.credence.avro.DeadLetter;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.processor.ModelPartitioning;
import io.credence.trainer.topology.TrainerTopology;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.credence.trainer.TestRecords.trained;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Records keyed by model id on a real broker. By default they go straight to their learner and only the others cross
 * the by-model repartition topic; with {@code credence.trainer.input-keyed-by-model=true} there is no repartition topic
 * and a record or spec off its model's partition goes to the DLQ. Every record trains exactly once either way.
 */
class KeyedInputIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @TempDir
    Path stateDir;

    @Test
    void recordsKeyedByModelTrainWithoutRepartitioningAndMisplacedOnesAreDeadLettered() throws Exception {
        int n = 320;
        TrainerTopics topics = TrainerOverrides.topics("keyed", 3);
        Map<String, Object> config = TrainerOverrides.of(kafka.get().bootstrapServers(), "keyed-trainer", stateDir, topics);
        config.put("credence.trainer.input-keyed-by-model", true);
        config.put("credence.trainer.default-spec.hidden", List.of(8));
        config.put("credence.trainer.default-spec.batch-size", 32);
        try (TrainerApp app = TrainerApp.start(config)) {
            // Model b has its own spec (batch 16), keyed by its id as model-specs requires.
            RecordMetadata specOfB = kafka.get().produce(topics.modelSpecs(), utf8("b"),
                    TestRecords.spec(ModelSpec.regression("b", 1).network(net -> net.withHidden(8))
                            .optimiser(o -> o.withBatchSize(16)).build()));
            Random random = new Random(4);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("a"), Examples.line("a", random)));
                records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("b"), Examples.line("b", random)));
            }
            List<RecordMetadata> sent = kafka.get().produce(records);
            int partitionOfA = sent.get(0).partition(), partitionOfB = sent.get(1).partition();
            assertThat(specOfB.partition()).as("the default partitioner puts b's spec beside b's records").isEqualTo(partitionOfB);

            // Misplaced: another key, no key, the right key on another partition; a spec on another partition.
            List<ProducerRecord<byte[], byte[]>> misplaced = List.of(
                    new ProducerRecord<>(topics.labeledRecords(), utf8("record-7"), Examples.line("a", random)),
                    new ProducerRecord<>(topics.labeledRecords(), null, Examples.line("a", random)),
                    new ProducerRecord<>(topics.labeledRecords(), (partitionOfA + 1) % 3, utf8("a"), Examples.line("a", random)),
                    new ProducerRecord<>(topics.modelSpecs(), (partitionOfB + 1) % 3, utf8("b"),
                            TestRecords.spec(ModelSpec.regression("b", 1).network(net -> net.withHidden(8))
                                    .optimiser(o -> o.withBatchSize(8)).build())));
            kafka.get().produce(misplaced);

            List<TrainingMetrics> metrics = TestRecords.metrics(kafka.get().consumeUntil(topics.trainingMetrics(),
                    r -> trained(r, "a", n) && trained(r, "b", n), WAIT));
            assertThat(metrics.stream().filter(m -> m.getModelId().equals("a")).map(TrainingMetrics::getRecordsSeen))
                    .as("every record of a trained once, in batches of the default spec's 32")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, n / 32).map(u -> 32 * u).boxed().toList());
            assertThat(metrics.stream().filter(m -> m.getModelId().equals("b")).map(TrainingMetrics::getRecordsSeen))
                    .as("every record of b trained once, in batches of its own spec's 16 (the misplaced spec of 8 ignored)")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, n / 16).map(u -> 16 * u).boxed().toList());

            List<DeadLetter> letters = kafka.get().consume(topics.deadLetters(), misplaced.size(), WAIT).stream()
                    .map(r -> TestRecords.deadLetter(r.value())).toList();
            assertThat(letters).extracting(DeadLetter::getErrorClass).containsOnly(ModelPartitioning.WRONG_PARTITION);
            assertThat(letters).extracting(DeadLetter::getReason).anySatisfy(r -> assertThat(r).contains("'record-7' is not the model id 'a'"))
                    .anySatisfy(r -> assertThat(r).contains("no key is not the model id 'a'"))
                    .anySatisfy(r -> assertThat(r).contains("partitioner=murmur2_random"));
            assertThat(letters).extracting(DeadLetter::getSourceTopic).contains(topics.modelSpecs());

            Set<String> allTopics = kafka.get().admin().listTopics().names().get();
            assertThat(allTopics).noneMatch(t -> t.startsWith("keyed-trainer") && t.endsWith("-repartition"));
        }
    }

    @Test
    void byDefaultOnlyRecordsNotKeyedByModelCrossTheRepartitionTopicAndEveryRecordTrainsOnce() throws Exception {
        int n = 320, anyKey = 64;
        TrainerTopics topics = TrainerOverrides.topics("mixed", 3);
        Map<String, Object> config = TrainerOverrides.of(kafka.get().bootstrapServers(), "mixed-trainer", stateDir, topics);
        config.put("credence.trainer.default-spec.hidden", List.of(8));
        config.put("credence.trainer.default-spec.batch-size", 32);
        try (TrainerApp app = TrainerApp.start(config)) {
            kafka.get().produce(topics.modelSpecs(), utf8("b"), TestRecords.spec(ModelSpec.regression("b", 1)
                    .network(net -> net.withHidden(8)).optimiser(o -> o.withBatchSize(16)).build()));
            Random random = new Random(5);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("a"), Examples.line("a", random)));
                records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("b"), Examples.line("b", random)));
                if (i < anyKey) records.add(new ProducerRecord<>(topics.labeledRecords(), utf8("record-" + i), Examples.line("a", random)));
            }
            kafka.get().produce(records);

            List<TrainingMetrics> metrics = TestRecords.metrics(kafka.get().consumeUntil(topics.trainingMetrics(),
                    r -> trained(r, "a", n + anyKey) && trained(r, "b", n), WAIT));
            assertThat(metrics.stream().filter(m -> m.getModelId().equals("a")).map(TrainingMetrics::getRecordsSeen))
                    .as("every record of a, in place or not, trained once")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, (n + anyKey) / 32).map(u -> 32 * u).boxed().toList());
            assertThat(metrics.stream().filter(m -> m.getModelId().equals("b")).map(TrainingMetrics::getRecordsSeen))
                    .as("every record of b trained once, in batches of its own spec's 16")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, n / 16).map(u -> 16 * u).boxed().toList());

            assertThat(Http.get(app.url(), "/prometheus").body()).as("inputs that crossed the by-model topic: the records not keyed by model id")
                    .containsPattern("credence_trainer_repartitioned_total\\{[^}]*input=\"labeled-records\"[^}]*} 64\\.0")
                    .containsPattern("credence_trainer_repartitioned_total\\{[^}]*input=\"model-specs\"[^}]*} 0\\.0");
            // On the broker: those 64 and a commit marker per transaction that wrote to a partition, not the 640 keyed ones.
            String byModel = "mixed-trainer-" + TrainerTopology.BY_MODEL + "-repartition";
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(byModel, p)).toList();
            long written = kafka.get().admin().listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            assertThat(written).isBetween((long) anyKey, (long) anyKey + 3 * 20);
        }
    }

    @Test
    void startUpRefusesInputTopicsThatAreNotCopartitioned() {
        TrainerTopics topics = TrainerOverrides.topics("uneven", 3);
        kafka.get().createTopic(topics.modelSpecs(), 2, true);
        Map<String, Object> config = TrainerOverrides.of(kafka.get().bootstrapServers(), "uneven-trainer", stateDir, topics);
        config.put("credence.trainer.input-keyed-by-model", true);
        assertThatThrownBy(() -> TrainerApp.start(config)).hasStackTraceContaining("needs [uneven-labeled-records, uneven-model-specs] to have as many partitions")
                .hasStackTraceContaining("uneven-model-specs: 2");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
