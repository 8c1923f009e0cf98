package io.credence.trainer;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Tensor;
import io.credence.avro.TrainingMetrics;
import io.credence.broker.Await;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.kit.ChildApp;
import io.credence.kit.TopicLog;
import io.credence.trainer.config.TrainerTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static io.credence.trainer.TestRecords.trained;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trainer killed with SIGKILL in the middle of a transaction resumes from its committed state: every record is
 * trained exactly once, versions never go back, and the final posterior matches an uninterrupted run's, rehearsal from
 * the replay window included.
 *
 * <p>Phases, all under exactly_once_v2: (1) in-process, train the first half of each model's stream and stop cleanly
 * (a commit); (2) the second half arrives; a child JVM, configured only by environment variables, with a 5 s commit
 * interval, reads it, repartitions sine's records, commits, and starts training: as soon as its first uncommitted
 * training output is visible (read_uncommitted), seconds before its next commit, it is killed with SIGKILL; (3)
 * in-process again on the same state directory, the trainer finishes. An uninterrupted reference trainer (its own
 * application id and output topics) reads the same input. Line's records are keyed by model id and go straight to
 * the learner; sine's carry another fixed key, so they cross the by-model repartition topic: both paths are killed.
 */
class CrashRestartIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRestartIT.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PER_MODEL = 960;
    private static final int BATCH = 32;
    private static final List<String> MODELS = List.of("sine", "line");
    /**
     * Largest |difference| accepted between a parameter of the restarted and of the reference posterior. Not 0: the
     * learner keeps its parameters in double precision but checkpoints them as float32, so a run restored from a
     * checkpoint continues from rounded values (differences of a few float32 ulps were measured).
     */
    private static final double TOLERANCE = 1e-4;

    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @TempDir
    Path tmp;

    @Test
    void aTrainerKilledMidTransactionResumesWithoutLosingOrRepeatingARecord() throws Exception {
        TrainerTopics crashing = new TrainerTopics("crash-labeled-records", "crash-model-specs", "crash-posterior-snapshots",
                "crash-training-metrics", "crash-dlq", 2, (short) 1);
        TrainerTopics reference = new TrainerTopics(crashing.labeledRecords(), crashing.modelSpecs(),
                "reference-posterior-snapshots", "reference-training-metrics", "reference-dlq", 2, (short) 1);
        Path state = tmp.resolve("crashing-state");
        String bootstrap = kafka.get().bootstrapServers();
        Map<String, Object> config = config(TrainerOverrides.of(bootstrap, "crashing-trainer", state, crashing));

        // Phase 1: the first half, committed by a clean stop.
        try (TrainerApp phase1 = TrainerApp.start(config)) {
            produce(crashing, 0, PER_MODEL / 2);
            kafka.get().consumeUntil(crashing.trainingMetrics(), trainedAll(PER_MODEL / 2), WAIT);
        }
        List<TrainingMetrics> committedBeforeCrash = TestRecords.metrics(TopicLog.readCommitted(bootstrap, crashing.trainingMetrics()));

        // Phase 2: the second half arrives; a child JVM that never commits trains part of it and is killed.
        produce(crashing, PER_MODEL / 2, PER_MODEL);
        Map<String, Object> childConfig = new HashMap<>(config);
        childConfig.put("credence.kafka.properties.commit.interval.ms", 5_000);
        childConfig.put("credence.kafka.properties.session.timeout.ms", 6_000);
        try (ChildApp child = ChildApp.of("trainer", TrainerApplication.class.getName()).jvmOptions(List.of("-Xmx1g"))
                .jvmOptions(ChildApp.inheritedSettings()).config(childConfig, ChildApp.Channel.ENVIRONMENT)
                .log(Path.of("target", "crash-restart-child.log")).start()) {
            Await.until("the child trains past the committed half", WAIT, () -> {
                if (!child.isAlive()) throw new AssertionError("the child JVM died:\n" + child.logTail());
                return TestRecords.metrics(TopicLog.readUncommitted(bootstrap, crashing.trainingMetrics())).stream()
                        .anyMatch(m -> m.getRecordsSeen() > PER_MODEL / 2);
            });
            child.kill();
        }
        int uncommittedAfterCrash = TopicLog.readUncommitted(bootstrap, crashing.trainingMetrics()).size();
        log.info("killed the child: {} committed training-metrics records before it, {} written (aborted ones included) at the kill",
                committedBeforeCrash.size(), uncommittedAfterCrash);

        // Phase 3: restart on the same state, alongside an uninterrupted reference run.
        Map<String, Object> referenceConfig = config(TrainerOverrides.of(kafka.get().bootstrapServers(), "reference-trainer",
                tmp.resolve("reference-state"), reference));
        try (TrainerApp phase3 = TrainerApp.start(config); TrainerApp uninterrupted = TrainerApp.start(referenceConfig)) {
            kafka.get().consumeUntil(crashing.trainingMetrics(), trainedAll(PER_MODEL), WAIT);
            kafka.get().consumeUntil(reference.trainingMetrics(), trainedAll(PER_MODEL), WAIT);
            List<PosteriorSnapshot> restarted = awaitFinalSnapshots(crashing);
            List<PosteriorSnapshot> expected = awaitFinalSnapshots(reference);
            List<TrainingMetrics> committed = TestRecords.metrics(kafka.get().consumeUntil(crashing.trainingMetrics(),
                    trainedAll(PER_MODEL), WAIT));

            assertThat(uncommittedAfterCrash).as("the kill aborted updates that the child had not committed")
                    .isGreaterThan(committedBeforeCrash.size());
            for (String model : MODELS) {
                assertThat(committed.stream().filter(m -> m.getModelId().equals(model)).map(TrainingMetrics::getRecordsSeen))
                        .as("committed updates of %s: every record trained exactly once", model)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, PER_MODEL / BATCH).map(u -> u * BATCH).boxed().toList());
                List<Long> versions = TestRecords.snapshots(TopicLog.readCommitted(bootstrap, crashing.posteriorSnapshots())).stream()
                        .filter(s -> s.getModelId().equals(model)).map(PosteriorSnapshot::getVersion).toList();
                assertThat(versions).as("versions of %s", model).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();

                PosteriorSnapshot mine = of(restarted, model);
                PosteriorSnapshot theirs = of(expected, model);
                assertThat(mine.getRecordsSeen()).isEqualTo(theirs.getRecordsSeen()).isEqualTo(PER_MODEL);
                assertThat(mine.getUpdates()).isEqualTo(theirs.getUpdates());
                assertThat(mine.getInputStandardizer()).isEqualTo(theirs.getInputStandardizer());
                double difference = maxDifference(mine, theirs);
                log.info("model {}: largest parameter difference restarted vs uninterrupted = {}", model, difference);
                assertThat(difference).as("%s: restarted vs uninterrupted posterior", model).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    private static Map<String, Object> config(Map<String, Object> base) {
        base.put("credence.trainer.default-spec.hidden", List.of(16));
        base.put("credence.trainer.default-spec.batch-size", BATCH);
        base.put("credence.trainer.default-spec.snapshot-every-updates", 5);
        base.put("credence.trainer.default-spec.snapshot-every-seconds", 1);
        // No idle flush and so no rehearsal while quiet: batch boundaries and rehearsal steps depend only on the
        // records, as in the reference run.
        base.put("credence.trainer.idle-flush", "0s");
        // A rehearsal step after every batch from a window of 200 records (the stream is 960): the window must come back
        // from the replay store after the kill, ring slots overwritten, for the posterior to match the reference.
        base.put("credence.trainer.default-spec.replay-window", 200);
        base.put("credence.trainer.default-spec.replay-steps", 1);
        return base;
    }

    /**
     * Records [from, to) of each model's stream, each model's under one key so that its order is fixed: line's keyed by
     * its model id (in place), sine's by "sine-feed" (through the repartition topic).
     */
    private static void produce(TrainerTopics topics, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Random sine = new Random(11);
        Random line = new Random(12);
        for (int i = 0; i < to; i++) {
            byte[] s = Examples.sine("sine", sine);
            byte[] l = Examples.line("line", line);
            if (i < from) continue;
            records.add(new ProducerRecord<>(topics.labeledRecords(), "sine-feed".getBytes(StandardCharsets.UTF_8), s));
            records.add(new ProducerRecord<>(topics.labeledRecords(), "line".getBytes(StandardCharsets.UTF_8), l));
        }
        kafka.get().produce(records);
    }

    private static Predicate<List<ConsumerRecord<byte[], byte[]>>> trainedAll(long recordsSeen) {
        return r -> MODELS.stream().allMatch(m -> trained(r, m, recordsSeen));
    }

    private static List<PosteriorSnapshot> awaitFinalSnapshots(TrainerTopics topics) {
        return TestRecords.snapshots(kafka.get().consumeUntil(topics.posteriorSnapshots(), r -> MODELS.stream().allMatch(
                m -> TestRecords.snapshots(r).stream().anyMatch(s -> s.getModelId().equals(m) && s.getRecordsSeen() == PER_MODEL)), WAIT));
    }

    private static PosteriorSnapshot of(List<PosteriorSnapshot> snapshots, String model) {
        return snapshots.stream().filter(s -> s.getModelId().equals(model) && s.getRecordsSeen() == PER_MODEL)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static double maxDifference(PosteriorSnapshot a, PosteriorSnapshot b) {
        double max = 0;
        for (int l = 0; l < a.getLayers().size(); l++) {
            var x = a.getLayers().get(l);
            var y = b.getLayers().get(l);
            max = Math.max(max, maxDifference(x.getWeightMu(), y.getWeightMu()));
            max = Math.max(max, maxDifference(x.getWeightRho(), y.getWeightRho()));
            max = Math.max(max, maxDifference(x.getBiasMu(), y.getBiasMu()));
            max = Math.max(max, maxDifference(x.getBiasRho(), y.getBiasRho()));
        }
        return max;
    }

    private static double maxDifference(Tensor a, Tensor b) {
        assertThat(a.getShape()).isEqualTo(b.getShape());
        ByteBuffer x = a.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = b.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        double max = 0;
        while (x.remaining() >= Float.BYTES) max = Math.max(max, Math.abs(x.getFloat() - y.getFloat()));
        return max;
    }
}
