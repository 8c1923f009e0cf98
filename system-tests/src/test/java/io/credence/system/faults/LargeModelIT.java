package io.credence.system.faults;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.broker.Await;
import io.credence.broker.PerTestClass;
import io.credence.kit.ChildApp;
import io.credence.kit.TopicLog;
import io.credence.schemas.parts.Parts;
import io.credence.schemas.parts.SnapshotKeys;
import io.credence.schemas.parts.SnapshotParts;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;
import io.credence.scorer.ScorerApplication;
import io.credence.system.harness.AppConfig;
import io.credence.system.harness.Feeder;
import io.credence.system.harness.Kafka;
import io.credence.system.harness.PredictionLedger;
import io.credence.system.harness.TrainingLedger;
import io.credence.system.harness.Wire;
import io.credence.trainer.TrainerApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models far larger than a Kafka record through the whole pipeline. Blundell et al.'s MNIST network, a
 * 784-1200-1200-10 classifier (2.4M weights: a 77 MB checkpoint, a 19 MB snapshot), and a 13-512-512-1 regressor
 * (270,000 weights: 8.7 MB and 2.2 MB) train in a child JVM under exactly_once_v2, their checkpoints kept in parts in
 * the learner store and their snapshots published in parts. The trainer is killed with SIGKILL in the middle of a
 * transaction and restarted on its state directory: it reassembles both checkpoints from its changelog and resumes,
 * every record trained exactly once. A scorer in another child JVM assembles each snapshot before using it and predicts
 * every feature record, held until its model's first snapshot is whole; then the time from publishing a new version of
 * the MNIST network to its first committed prediction is measured.
 */
class LargeModelIT {

    private static final Logger log = LoggerFactory.getLogger(LargeModelIT.class);
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int BATCH = 16;
    /** Mini-batches of each model before the kill; as many again after it. */
    private static final int BATCHES = 3;
    /** The MNIST network (no rehearsal: few records), a snapshot every other update. */
    private static final ModelSpec MNIST = ModelSpec.classification("mnist", 784, 10)
            .network(n -> n.withHidden(1200, 1200)).optimiser(o -> o.withBatchSize(BATCH))
            .scoring(sc -> sc.withScoreSamples(10)).streaming(s -> s.withSnapshotEvery(2, 0).withReplay(0, 0, 0))
            .seed(21).build();
    private static final ModelSpec HOUSE = ModelSpec.regression("house", 13).network(n -> n.withHidden(512, 512))
            .optimiser(o -> o.withBatchSize(BATCH))
            .scoring(sc -> sc.withScoreSamples(20)).streaming(s -> s.withSnapshotEvery(1, 0).withReplay(0, 0, 0))
            .seed(22).build();
    private static final List<ModelSpec> MODELS = List.of(MNIST, HOUSE);
    /** Heap for both learners and a save of the MNIST checkpoint (ModelSizeLimit: about 585 MiB); C2 for its loops. */
    private static final List<String> TRAINER_JVM = List.of("-Xmx1536m", "-XX:+UseSerialGC");
    private static final List<String> SCORER_JVM = List.of("-Xmx1g", "-XX:+UseSerialGC");

    @RegisterExtension
    static final PerTestClass<Kafka> kafka = new PerTestClass<>(Kafka::start);

    @TempDir
    Path tmp;

    private final Map<String, Random> rows = new LinkedHashMap<>(Map.of("mnist", new Random(31), "house", new Random(32)));
    private final Set<String> requests = new HashSet<>();

    @Test
    void largeModelsTrainInPartsSurviveAHardKillAndScoreThroughThePipeline() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "large-model"));
        String bootstrap = kafka.get().bootstrapServers();
        Map<String, Object> trainerConfig = AppConfig.killable(AppConfig.trainer(kafka.get(), "large-trainer", tmp.resolve("trainer")));
        try (CrashLoop trainer = new CrashLoop("trainer", TrainerApplication.class, TRAINER_JVM, trainerConfig, logs, bootstrap, "training-metrics");
             TopicLog metrics = TopicLog.committed(bootstrap, "training-metrics");
             TopicLog written = TopicLog.uncommitted(bootstrap, "training-metrics");
             TopicLog snapshots = TopicLog.committed(bootstrap, "posterior-snapshots");
             TopicLog predictions = TopicLog.committed(bootstrap, "predictions")) {
            Await.until("the trainer creates its topics", WAIT, () -> {
                trainer.requireAlive();
                return kafka.get().hasTopic("posterior-snapshots") && kafka.get().hasTopic("model-specs");
            });
            kafka.get().produce(MODELS.stream().map(s -> new ProducerRecord<>("model-specs", Wire.utf8(s.modelId()), Wire.spec(s))).toList());
            try (ChildApp scorer = ChildApp.of("scorer", ScorerApplication.class.getName()).jvmOptions(SCORER_JVM)
                    .jvmOptions(ChildApp.inheritedSettings())
                    .config(AppConfig.scorer(kafka.get(), "large-scorer", tmp.resolve("scorer")), ChildApp.Channel.SYSTEM_PROPERTIES)
                    .log(logs.resolve("scorer.log")).start()) {
                Await.until("the scorer creates its topics", WAIT, () -> {
                    scorer.requireAlive();
                    return kafka.get().hasTopic(Feeder.FEATURES);
                });
                // Asked before any snapshot exists: held by the scorer until each model's first snapshot is whole.
                for (ModelSpec spec : MODELS) ask(spec, spec.modelId() + "-early-", 3);

                long start = System.nanoTime();
                produceBatches(0, BATCHES);
                trainer.killMidTransaction(WAIT);
                produceBatches(BATCHES, 2 * BATCHES);
                long produced = 2L * BATCHES * BATCH;
                Duration training = Await.until("both models train every record", WAIT, () -> {
                    trainer.requireAlive();
                    TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), List.of());
                    return MODELS.stream().allMatch(s -> ledger.recordsSeen(s.modelId()) >= produced);
                });
                trainer.stop();

                TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), Wire.snapshots(snapshots.catchUp()));
                for (ModelSpec spec : MODELS) {
                    ledger.assertTrainedExactlyOnce(spec.modelId(), produced, BATCH);
                    log.info("model {}: {} records in {} updates, snapshot versions {}", spec.modelId(), ledger.recordsSeen(spec.modelId()),
                            ledger.updates(spec.modelId()), ledger.versions(spec.modelId()));
                }
                assertThat(trainer.kills()).hasSize(1);
                assertThat(written.catchUp().size()).as("the kill aborted training output in flight").isGreaterThan(metrics.catchUp().size());
                assertSnapshotsInParts(snapshots.catchUp());
                log.info("trained {} records of each model, the trainer killed once, in {} s ({} s from the restart)",
                        produced, (System.nanoTime() - start) / 1_000_000_000, training.toSeconds());

                Duration latency = newVersionToFirstPrediction(Wire.snapshots(snapshots.catchUp()), predictions);
                log.info("784-1200-1200-10: a new snapshot version published in parts to its first committed prediction: {} ms",
                        latency.toMillis());
                assertThat(latency).as("publish to first prediction of the MNIST network").isLessThan(Duration.ofSeconds(30));

                Await.until("a prediction for every request", WAIT, () -> {
                    scorer.requireAlive();
                    return predictions.catchUp().size() >= requests.size();
                });
                List<Prediction> scored = Wire.predictions(predictions.catchUp());
                PredictionLedger.of(scored).assertExactlyOnce(requests);
                assertThat(scored).filteredOn(p -> p.getModelId().equals("mnist")).isNotEmpty().allSatisfy(p -> {
                    assertThat(p.getClassProbabilities()).hasSize(10);
                    assertThat(p.getClassProbabilities().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
                });
                assertThat(scored).filteredOn(p -> p.getModelId().equals("house")).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.getStd()).isPositive().isFinite());
                assertThat(kafka.get().committed("stream-trainer.dlq")).as("trainer dead letters").isEmpty();
                assertThat(kafka.get().committed("stream-scorer.dlq")).as("scorer dead letters").isEmpty();
            }
        }
    }

    /** Every committed snapshot record is within a Kafka record; both models' snapshots went out in parts. */
    private static void assertSnapshotsInParts(List<ConsumerRecord<byte[], byte[]>> records) {
        assertThat(records).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(Parts.MAX_RECORD_BYTES));
        for (ModelSpec spec : MODELS) {
            List<ConsumerRecord<byte[], byte[]>> ofModel = records.stream().filter(r -> SnapshotKeys.isOf(r.key(), spec.modelId())).toList();
            assertThat(ofModel).as("snapshot records of %s", spec.modelId()).isNotEmpty()
                    .allSatisfy(r -> assertThat(SnapshotKeys.isPart(r.key())).isTrue());
            assertThat(ofModel.stream().map(ConsumerRecord::partition).distinct()).as("partitions of %s", spec.modelId()).hasSize(1);
        }
    }

    /**
     * Publishes the newest MNIST snapshot again as the next version, in parts as the trainer does, while a feature record
     * of the model is asked for at every check, and returns the time until the first committed prediction made with it.
     */
    private Duration newVersionToFirstPrediction(List<PosteriorSnapshot> trained, TopicLog predictions) {
        PosteriorSnapshot newest = trained.stream().filter(s -> s.getModelId().equals("mnist")).reduce((a, b) -> b).orElseThrow();
        long version = newest.getVersion() + 1;
        newest.setVersion(version);
        newest.setCreatedAt(java.time.Instant.now());
        List<SnapshotParts.Keyed> parts = SnapshotParts.of(WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot()), newest);
        assertThat(parts).hasSizeGreaterThan(30);
        int partitions = AppConfig.PARTITIONS;
        long start = System.nanoTime();
        kafka.get().produce(parts.stream().map(p -> new ProducerRecord<>("posterior-snapshots",
                SnapshotKeys.partition(p.key(), partitions), p.key(), p.value())).toList());
        int[] asked = {0};
        Await.until("a prediction by version " + version + " of mnist", WAIT, () -> {
            ask(MNIST, "mnist-latency-" + asked[0]++ + "-", 1);
            return Wire.predictions(predictions.catchUp()).stream().anyMatch(p -> p.getModelId().equals("mnist") && p.getModelVersion() == version);
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Batches {@code from} (inclusive) to {@code to} of each model, keyed by model id. */
    private void produceBatches(int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int b = from; b < to; b++) {
            for (ModelSpec spec : MODELS) {
                for (int i = 0; i < BATCH; i++) {
                    String id = spec.modelId() + "-" + (b * BATCH + i);
                    double[] x = row(spec);
                    double label = spec.modelId().equals("mnist") ? rows.get("mnist").nextInt(10) : x[0] - 2 * x[1] + 0.1 * rows.get("house").nextGaussian();
                    records.add(new ProducerRecord<>(Feeder.LABELED, Wire.utf8(spec.modelId()), Wire.labeled(spec.modelId(), id, x, label)));
                }
            }
        }
        kafka.get().produce(records);
    }

    /** Asks for {@code count} predictions of {@code spec}'s model, request ids {@code prefix} 0, 1... */
    private void ask(ModelSpec spec, String prefix, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String request = prefix + i;
            requests.add(request);
            records.add(new ProducerRecord<>(Feeder.FEATURES, Wire.utf8(request), Wire.feature(spec.modelId(), request, row(spec), null)));
        }
        kafka.get().produce(records);
    }

    /** MNIST-shaped pixels in [0, 1), or 13 standard normal features. */
    private double[] row(ModelSpec spec) {
        Random random = rows.get(spec.modelId());
        double[] x = new double[spec.features()];
        for (int j = 0; j < x.length; j++) x[j] = spec.modelId().equals("mnist") ? random.nextDouble() : random.nextGaussian();
        return x;
    }
}
