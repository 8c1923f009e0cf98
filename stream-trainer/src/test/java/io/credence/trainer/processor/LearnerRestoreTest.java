package io.credence.trainer.processor;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Tensor;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.WireFormat;
import io.credence.trainer.TestRecords;
import io.credence.trainer.config.ModelSizeLimit;
import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.metrics.TrainerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model's checkpoint is written when it publishes, not per update; a learner that takes the model over between
 * checkpoints (a new processor on the same stores, as after a crash or rebalance) re-learns the journaled batches and
 * ends where an uninterrupted learner does, with a replay window and rehearsal steps in play. The same restore brings
 * back models dropped from memory beyond {@code maxModelsInMemory}.
 */
class LearnerRestoreTest {

    private static final TrainerTopics TOPICS = new TrainerTopics("labeled", "specs", "snapshots", "metrics", "dlq", 1, (short) 1);
    private static final TrainerCodecs CODECS = TrainerCodecs.of(TOPICS, WireFormat.singleObject());
    private static final int BATCH = 8;
    private static final int EVERY = 5;
    /** Batches of 8, a snapshot (and checkpoint) every 5 updates, a replay step per batch from a window of 20. */
    private static final ModelSpec SPEC = ModelSpec.regression("m", 1).network(n -> n.withHidden(8))
            .optimiser(o -> o.withBatchSize(BATCH)).streaming(s -> s.withSnapshotEvery(EVERY, 0)
                    .withReplayWindow(20).withReplaySteps(1)).seed(5).build();
    private static final int RECORDS = 37 * BATCH + 3;
    /** Float32 checkpoints: a restored learner continues from rounded parameters (a few ulps). */
    private static final double TOLERANCE = 1e-4;

    /** One learner task's context and stores; a second task over the same stores is a take-over. */
    private static final class Task {
        final MockProcessorContext<byte[], Emission> context = new MockProcessorContext<>();
        final TrainerMetrics metrics = new TrainerMetrics(new SimpleMeterRegistry());
        final LearnerProcessor processor;

        Task(Stores3 stores) {
            this(stores, SPEC, 1000);
        }

        Task(Stores3 stores, ModelSpec spec, int maxModelsInMemory) {
            processor = new LearnerProcessor(new TrainerSettings(spec, Duration.ZERO, Duration.ofSeconds(1), false, 0.5, maxModelsInMemory,
                    ModelSizeLimit.of(0, Runtime.getRuntime().maxMemory())),
                    metrics, new RehearsalBudget(0.5), CODECS);
            context.addStateStore(stores.learner);
            context.addStateStore(stores.pending);
            context.addStateStore(stores.replay);
            context.setCurrentSystemTimeMs(1_000_000L);
            processor.init(context);
        }

        void feed(List<byte[]> records, int from, int to) throws DecodeException {
            for (int i = from; i < to; i++) {
                String modelId = CODECS.labeledRecords().decode(records.get(i)).getModelId();
                context.setRecordMetadata(TOPICS.labeledRecords(), 0, offset++);
                context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + 1);
                processor.process(new Record<>(modelId.getBytes(StandardCharsets.UTF_8),
                        (LearnerInput) new LearnerInput.Example(records.get(i), CODECS.labeledRecords().decode(records.get(i))), 1_000_000L + i));
            }
        }

        private long offset;

        void punctuate() {
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(context.currentSystemTimeMs()));
        }

        PosteriorSnapshot lastSnapshot(String modelId) {
            return context.forwarded().stream().filter(f -> f.record().value() instanceof Emission.ToSnapshots)
                    .map(f -> TestRecords.snapshot(f.record().value().value())).filter(s -> s.getModelId().equals(modelId))
                    .reduce((a, b) -> b).orElseThrow();
        }

        List<TrainingMetrics> metrics() {
            return context.forwarded().stream().map(f -> f.record().value()).filter(Emission.ToMetrics.class::isInstance)
                    .map(e -> TestRecords.metrics(e.value())).toList();
        }

        PosteriorSnapshot lastSnapshot() {
            return context.forwarded().stream().map(f -> f.record().value()).filter(Emission.ToSnapshots.class::isInstance)
                    .map(e -> TestRecords.snapshot(e.value())).reduce((a, b) -> b).orElseThrow();
        }
    }

    private record Stores3(KeyValueStore<String, byte[]> learner, KeyValueStore<Bytes, byte[]> pending, KeyValueStore<Bytes, byte[]> replay) {
        static Stores3 create() {
            var learner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LearnerProcessor.LEARNER_STORE), Serdes.String(), Serdes.ByteArray())
                    .withLoggingDisabled().build();
            var pending = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LearnerProcessor.PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingDisabled().build();
            var replay = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LearnerProcessor.REPLAY_STORE), Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingDisabled().build();
            var context = new MockProcessorContext<>().getStateStoreContext();
            learner.init(context, learner);
            pending.init(context, pending);
            replay.init(context, replay);
            return new Stores3(learner, pending, replay);
        }

        int journalEntries() {
            int n = 0;
            try (KeyValueIterator<Bytes, byte[]> it = pending.all()) {
                for (; it.hasNext(); it.next()) n++;
            }
            return n;
        }
    }

    @Test
    void aModelTakenOverBetweenCheckpointsReLearnsItsJournalAndEndsAsAnUninterruptedRun() throws Exception {
        List<byte[]> records = sine(RECORDS, new Random(3));
        Task uninterrupted = new Task(Stores3.create());
        uninterrupted.feed(records, 0, RECORDS);

        Stores3 stores = Stores3.create();
        Task first = new Task(stores);
        int cut = 23 * BATCH + 5; // 23 updates: the checkpoint covers 20, the journal 3 batches and 5 buffered records
        first.feed(records, 0, cut);
        assertThat(stores.journalEntries()).as("3 marks and 29 examples journaled since the checkpoint of update 20")
                .isEqualTo(3 + 3 * BATCH + 5);
        assertThat(TestRecords.trainerState(stores.learner.get("m")).getUpdatesSinceSnapshot())
                .as("the checkpoint is the one written with the last snapshot").isZero();
        Task second = new Task(stores);
        second.feed(records, cut, RECORDS);

        List<Long> seen = new ArrayList<>();
        first.metrics().forEach(m -> seen.add(m.getRecordsSeen()));
        second.metrics().forEach(m -> seen.add(m.getRecordsSeen()));
        assertThat(seen).as("every update reported once, none re-emitted by the take-over")
                .isEqualTo(uninterrupted.metrics().stream().map(TrainingMetrics::getRecordsSeen).toList());
        PosteriorSnapshot expected = uninterrupted.lastSnapshot();
        PosteriorSnapshot restored = second.lastSnapshot();
        assertThat(restored.getVersion()).isEqualTo(expected.getVersion());
        assertThat(restored.getRecordsSeen()).isEqualTo(expected.getRecordsSeen()).isEqualTo(35L * BATCH);
        assertThat(restored.getUpdates()).isEqualTo(expected.getUpdates());
        assertThat(maxDifference(restored, expected)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(stores.journalEntries()).as("2 marks and the 19 examples since the checkpoint of update 35")
                .isEqualTo(2 + 2 * BATCH + 3);
    }

    @Test
    void beyondTheBoundIdleModelsLeaveMemoryAndComeBackFromTheStoresOnTheirNextRecord() throws Exception {
        // Five models, rounds of one full batch each; every update publishes, so the cadence is the unbounded run's.
        ModelSpec everyUpdate = SPEC.toBuilder().streaming(s -> s.withSnapshotEvery(1, 0)).build();
        List<byte[]> records = new ArrayList<>();
        Random random = new Random(4);
        for (int round = 0; round < 6; round++) {
            for (int m = 0; m < 5; m++) records.addAll(sine("m" + m, BATCH, random));
        }
        Task unbounded = new Task(Stores3.create(), everyUpdate, 1000);
        Task bounded = new Task(Stores3.create(), everyUpdate, 2);
        for (int round = 0; round < 6; round++) {
            int from = round * 5 * BATCH;
            unbounded.feed(records, from, from + 5 * BATCH);
            bounded.feed(records, from, from + 5 * BATCH);
            assertThat(bounded.metrics.modelsInMemory()).as("round %d: every model fed", round).isEqualTo(5);
            bounded.punctuate();
            assertThat(bounded.metrics.modelsInMemory()).as("round %d: after the punctuation", round).isEqualTo(2);
        }
        assertThat(bounded.metrics.modelsEvicted()).isEqualTo(6 * 3.0);
        for (int m = 0; m < 5; m++) {
            PosteriorSnapshot expected = unbounded.lastSnapshot("m" + m);
            PosteriorSnapshot restored = bounded.lastSnapshot("m" + m);
            assertThat(restored.getVersion()).isEqualTo(expected.getVersion()).isEqualTo(6);
            assertThat(restored.getRecordsSeen()).isEqualTo(expected.getRecordsSeen()).isEqualTo(6L * BATCH);
            assertThat(maxDifference(restored, expected)).as("model m%d", m).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void aModelLeavingMemoryPublishesWhatItLearnedSinceItsLastSnapshot() throws Exception {
        ModelSpec rarely = SPEC.toBuilder().streaming(s -> s.withSnapshotEvery(100, 0)).build();
        Task task = new Task(Stores3.create(), rarely, 1);
        Random random = new Random(6);
        task.feed(sine("a", 3 * BATCH, random), 0, 3 * BATCH);
        task.feed(sine("b", BATCH, random), 0, BATCH);
        task.punctuate();
        assertThat(task.metrics.modelsInMemory()).isEqualTo(1);
        PosteriorSnapshot published = task.lastSnapshot("a");
        assertThat(published.getVersion()).isEqualTo(1);
        assertThat(published.getRecordsSeen()).isEqualTo(3L * BATCH);
    }

    private static List<byte[]> sine(int n, Random random) {
        return sine("m", n, random);
    }

    private static List<byte[]> sine(String modelId, int n, Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = -3 + 6 * random.nextDouble();
            out.add(TestRecords.labeled(modelId, new double[] {x}, Math.sin(2 * x) + 0.1 * random.nextGaussian()));
        }
        return out;
    }

    private static double maxDifference(PosteriorSnapshot a, PosteriorSnapshot b) {
        double max = 0;
        for (int l = 0; l < a.getLayers().size(); l++) {
            var x = a.getLayers().get(l);
            var y = b.getLayers().get(l);
            for (Tensor[] t : new Tensor[][] {{x.getWeightMu(), y.getWeightMu()}, {x.getWeightRho(), y.getWeightRho()},
                    {x.getBiasMu(), y.getBiasMu()}, {x.getBiasRho(), y.getBiasRho()}}) {
                assertThat(t[0].getShape()).isEqualTo(t[1].getShape());
                ByteBuffer p = t[0].getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer q = t[1].getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                while (p.hasRemaining()) max = Math.max(max, Math.abs(p.getFloat() - q.getFloat()));
            }
        }
        return max;
    }
}
