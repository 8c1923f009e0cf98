package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.avro.TrainerState;
import io.credence.bnn.data.InputCheck;
import io.credence.bnn.data.InputRejection;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.parts.SnapshotParts;
import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.metrics.TrainerMetrics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trains every model of one stream task. Input: labeled records and specs keyed by model id, decoded
 * ({@link LearnerInput}), straight from the decoders in this task when their producer put them in place
 * ({@link ModelPartitioning}: the origin in the record's metadata) or through the by-model repartition topic
 * ({@link LearnerInputSerde}: the origin in headers). A labeled record is
 * checked against its model's spec (dead-lettered if it fails), buffered, and once the spec's batch size is reached
 * the batch is learned (prequential scoring, then the SVI steps), a TrainingMetrics is emitted and, every
 * {@code snapshotEveryUpdates} updates, a PosteriorSnapshot with the next version. A wall-clock punctuator learns
 * idle partial batches, publishes time-based snapshots and, once a model's stream has been quiet for the idle-flush
 * time, rehearses it ({@link OnlineLearner#replay}) within the instance's {@link RehearsalBudget}, taking the quiet
 * models in turn, until its replay budget is spent; the last rehearsal step publishes a snapshot at once. A model
 * without a spec gets the configured default spec. A
 * changed spec first learns the examples buffered under the old one, then continues the posterior (compatible change)
 * or starts a new one (incompatible), and publishes the result as the next version either way.
 *
 * <p>State: the {@value #LEARNER_STORE} store holds each model's checkpoint (one TrainerState, in parts when too large
 * for one record: {@link CheckpointStore}; written when the model is created, publishes a snapshot, changes spec or
 * ends a rehearsal slice: never per record, and per update only when every update publishes), the {@value #PENDING_STORE} store each model's journal of examples since its
 * checkpoint ({@link ExampleJournal}: one small write per record and per learned batch), and the
 * {@value #REPLAY_STORE} store each model's replay window as of its checkpoint ({@link ReplayStore}). Learners are
 * cached in memory; the cache is rebuilt from the stores in {@link #init} (each checkpoint plus its journal re-learned),
 * which Kafka Streams calls again whenever the task is restored or revived, so it never outlives the state it mirrors.
 * The cost per record thus does not grow with the number of models or their size. At most
 * {@code maxModelsInMemory} learners stay in an instance's memory, all its tasks together, as long as the others are
 * quiet: beyond it the punctuator checkpoints the least recently active quiet models (publishing first what they
 * learned since their last snapshot) and drops them, and a dropped model is restored from the stores on its next
 * record or spec.
 */
public final class LearnerProcessor implements Processor<byte[], LearnerInput, byte[], Emission> {

    /** Store of each model's TrainerState, keyed by model id. */
    public static final String LEARNER_STORE = "learner";
    /** Store of each model's examples since its checkpoint. */
    public static final String PENDING_STORE = "pending";
    /** Store of each model's replay window, one entry per example. */
    public static final String REPLAY_STORE = "replay";

    /** Most models one punctuation drops from memory. */
    static final int MAX_EVICTIONS = 100;

    private static final Logger log = LoggerFactory.getLogger(LearnerProcessor.class);
    private final TrainerSettings settings;
    private final TrainerCodecs codecs;
    private final TrainerMetrics metrics;
    private final DeadLetterRoute deadLetters;
    private final RehearsalBudget rehearsal;
    private final Map<String, ModelSlot> models = new TreeMap<>();
    private ProcessorContext<byte[], Emission> context;
    private CheckpointStore checkpoints;
    private ExampleJournal journal;
    private ReplayStore replay;
    /** The model rehearsed last, so the next slice starts with the one after it. */
    private String lastRehearsed = "";

    /**
     * A processor training models under {@code settings}, counting into {@code metrics}, rehearsing within
     * {@code rehearsal}, reading and writing through {@code codecs}.
     */
    public LearnerProcessor(TrainerSettings settings, TrainerMetrics metrics, RehearsalBudget rehearsal, TrainerCodecs codecs) {
        this.settings = settings;
        this.codecs = codecs;
        this.metrics = metrics;
        this.rehearsal = rehearsal;
        this.deadLetters = new DeadLetterRoute(metrics, codecs.deadLetters());
    }

    @Override
    public void init(ProcessorContext<byte[], Emission> context) {
        this.context = context;
        this.checkpoints = new CheckpointStore(context.getStateStore(LEARNER_STORE));
        KeyValueStore<Bytes, byte[]> pendingStore = context.getStateStore(PENDING_STORE);
        this.journal = new ExampleJournal(pendingStore, codecs.labeledRecords());
        this.replay = new ReplayStore(context.getStateStore(REPLAY_STORE));
        metrics.modelsInMemory(-models.size());
        models.clear();
        long now = context.currentSystemTimeMs();
        // Models with a journal have a partial batch or updates since their checkpoint: their punctuation is due. The
        // others fill the memory up to the bound; the rest wait in the stores for their next input.
        for (String modelId : journal.modelIds()) {
            TrainerState state = checkpoints.load(modelId).orElseThrow(() ->
                    new IllegalStateException("model " + modelId + " has journaled examples but no checkpoint"));
            models.put(modelId, restore(modelId, state, now));
        }
        checkpoints.loadFirst(settings.maxModelsInMemory() - metrics.modelsInMemory() - models.size(), models::containsKey,
                (modelId, state) -> models.put(modelId, restore(modelId, state, now)));
        metrics.modelsInMemory(models.size());
        if (!models.isEmpty()) log.info("task {} resumed {} model(s)", context.taskId(), models.size());
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void close() {
        metrics.modelsInMemory(-models.size());
        models.clear();
    }

    @Override
    public void process(Record<byte[], LearnerInput> record) {
        String modelId = new String(record.key(), StandardCharsets.UTF_8);
        long now = context.currentSystemTimeMs();
        if (record.value() instanceof LearnerInput.Example example) {
            onLabeledRecord(modelId, example, Origin.ofLearnerInput(context.recordMetadata().orElseThrow(), record.headers(), record.key()), now);
        } else {
            onSpec(modelId, ((LearnerInput.Spec) record.value()).spec(), now);
        }
    }

    private void onLabeledRecord(String modelId, LearnerInput.Example example, Origin origin, long now) {
        LabeledRecord labeled = example.record();
        ModelSlot slot = load(modelId, now);
        ModelSpec spec = slot != null ? slot.spec() : settings.defaultSpecFor(modelId);
        double[] features = ExampleJournal.toArray(labeled.getFeatures());
        Optional<InputRejection> rejection = InputCheck.labeled(spec, features, labeled.getLabel(), labeled.getWeight());
        if (rejection.isPresent()) {
            context.forward(deadLetters.record(origin, example.bytes(), rejection.get().error().name(), rejection.get().reason(), now));
            return;
        }
        if (slot == null) {
            log.info("model {} has no spec on model-specs: training it with the default spec", modelId);
            slot = ModelSlot.create(spec, now);
            models.put(modelId, slot);
            metrics.modelsInMemory(1);
            checkpoint(modelId, slot, now);
        }
        journal.append(modelId, slot.pending, example.bytes(), labeled, features);
        slot.pending++;
        slot.lastRecordMillis = now;
        if (slot.pending >= spec.optimiser().batchSize()) learn(modelId, slot, now);
    }

    private void onSpec(String modelId, ModelSpec spec, long now) {
        ModelSlot slot = load(modelId, now);
        if (slot == null) {
            log.info("model {}: created from its spec", modelId);
            slot = ModelSlot.create(spec, now);
            models.put(modelId, slot);
            metrics.modelsInMemory(1);
            // Started from a trained network, it can predict before its first record: publish that posterior now.
            if (spec.fromWeights() != null) publish(modelId, slot, now);
        } else if (spec.equals(slot.spec())) {
            return;
        } else {
            // Examples buffered under the old spec were checked against it: learn them under it.
            if (slot.pending > 0) learn(modelId, slot, now);
            var windowBefore = slot.learner.replayWindow();
            Optional<String> incompatibility = slot.spec().incompatibilityWith(spec);
            if (incompatibility.isEmpty()) {
                log.info("model {}: spec changed compatibly, the posterior continues as version {}", modelId, slot.version + 1);
                slot.learner.updateSpec(spec);
            } else {
                log.warn("model {}: {}; starting a new posterior as version {}", modelId, incompatibility.get(), slot.version + 1);
                slot.restart(spec);
            }
            if (slot.learner.replayWindow() != windowBefore) { // a new posterior or window size
                replay.clear(modelId);
                slot.windowedAtCheckpoint = 0;
            }
            metrics.specChanged(modelId, incompatibility.isEmpty());
            // Published at once: scorers read the spec (samples, interval level, shapes) from the snapshot.
            publish(modelId, slot, now);
        }
        checkpoint(modelId, slot, now);
    }

    /**
     * Learns the buffered batch of {@code modelId} and journals it, emits its metrics and, when due, a snapshot, which
     * the model's checkpoint follows.
     */
    private void learn(String modelId, ModelSlot slot, long now) {
        MiniBatch batch = journal.learn(modelId, slot.pending, now);
        slot.pending = 0;
        long start = System.nanoTime();
        StepReport report = slot.learn(modelId, batch, now);
        metrics.update(modelId, report, Duration.ofNanos(System.nanoTime() - start));
        if (!report.accepted()) {
            log.warn("model {}: a batch of {} produced a non-finite loss or parameters and was rejected; the last good posterior is kept ({} rejected so far)",
                    modelId, report.batchSize(), report.rejectedSteps());
        }
        emit(modelId, new Emission.ToMetrics(codecs.trainingMetrics().encode(slot.lastMetrics)), now);
        int every = slot.spec().streaming().snapshotEveryUpdates();
        if (every > 0 && slot.updatesSinceSnapshot >= every) {
            publish(modelId, slot, now);
            checkpoint(modelId, slot, now);
        }
    }

    /**
     * Emits the current posterior as the next version, in one record or, when too large for one, in parts
     * ({@link SnapshotParts}); the caller checkpoints the model.
     */
    private void publish(String modelId, ModelSlot slot, long now) {
        slot.version++;
        slot.lastSnapshotMillis = now;
        slot.updatesSinceSnapshot = 0;
        for (SnapshotParts.Keyed record : SnapshotParts.of(codecs.posteriorSnapshots(),
                PosteriorCodec.toAvro(slot.learner.posterior(), slot.version, now, slot.lastMetrics))) {
            context.forward(new Record<>(record.key(), new Emission.ToSnapshots(record.value()), now, new RecordHeaders()));
        }
        metrics.snapshotPublished(modelId);
    }

    private void punctuate(long now) {
        long idleMillis = settings.idleFlush().toMillis();
        for (Map.Entry<String, ModelSlot> e : models.entrySet()) {
            String modelId = e.getKey();
            ModelSlot slot = e.getValue();
            if (idleMillis > 0 && slot.pending > 0 && now - slot.lastRecordMillis >= idleMillis) {
                log.debug("model {}: learning an idle partial batch of {}", modelId, slot.pending);
                learn(modelId, slot, now);
            }
            double everySeconds = slot.spec().streaming().snapshotEverySeconds();
            if (everySeconds > 0 && slot.updatesSinceSnapshot > 0 && now - slot.lastSnapshotMillis >= everySeconds * 1000) {
                publish(modelId, slot, now);
                checkpoint(modelId, slot, now);
            }
        }
        rehearse(now);
        evict(now);
    }

    /**
     * While this instance's tasks hold more than {@code maxModelsInMemory} learners, drops this task's least recently
     * active quiet models (nothing pending, no record for the idle-flush time), at most {@value #MAX_EVICTIONS} per
     * punctuation so that its transaction stays short: each publishes what it learned since its last snapshot, is
     * checkpointed, and leaves memory. Models that keep receiving records stay, whatever the bound.
     */
    private void evict(long now) {
        int excess = Math.min(MAX_EVICTIONS, metrics.modelsInMemory() - settings.maxModelsInMemory());
        if (excess <= 0) return;
        long quietMillis = settings.idleFlush().toMillis();
        List<String> evicted = models.entrySet().stream()
                .filter(e -> e.getValue().pending == 0 && now - e.getValue().lastRecordMillis >= quietMillis)
                .sorted(Comparator.comparingLong(e -> e.getValue().lastRecordMillis)).limit(excess).map(Map.Entry::getKey).toList();
        for (String modelId : evicted) {
            ModelSlot slot = models.remove(modelId);
            if (slot.updatesSinceSnapshot > 0) publish(modelId, slot, now);
            checkpoint(modelId, slot, now);
            journal.forget(modelId);
            replay.forget(modelId);
        }
        metrics.modelsEvicted(evicted.size());
        metrics.modelsInMemory(-evicted.size());
    }

    /** Model {@code modelId} in memory, restored from the stores if it was dropped, or null if it does not exist. */
    private ModelSlot load(String modelId, long now) {
        ModelSlot slot = models.get(modelId);
        if (slot != null) return slot;
        Optional<TrainerState> state = checkpoints.load(modelId);
        if (state.isEmpty()) return null;
        slot = restore(modelId, state.get(), now);
        models.put(modelId, slot);
        metrics.modelsInMemory(1);
        return slot;
    }

    private ModelSlot restore(String modelId, TrainerState state, long now) {
        return ModelSlot.restore(modelId, state, journal.restore(modelId), capacity -> replay.restore(modelId, capacity), now);
    }

    /**
     * Rehearses the models whose stream is quiet (nothing pending, no record for the idle-flush time, which must be set) and whose replay
     * budget is not spent, one step each in turn, for the CPU slice the instance's budget grants. A model that spends
     * its budget publishes its final snapshot at once; the others publish on the time-based cadence.
     */
    private void rehearse(long now) {
        long quietMillis = settings.idleFlush().toMillis();
        if (quietMillis == 0) return; // no idle time: models rehearse only through their spec's replaySteps
        List<String> quiet = new ArrayList<>();
        for (Map.Entry<String, ModelSlot> e : models.entrySet()) {
            ModelSlot slot = e.getValue();
            if (slot.pending == 0 && now - slot.lastRecordMillis >= quietMillis && slot.learner.canReplay()) quiet.add(e.getKey());
        }
        if (quiet.isEmpty()) return;
        long slice = rehearsal.take(now, settings.punctuateInterval().toNanos());
        if (slice == 0) return;
        long deadline = System.nanoTime() + slice;
        // Start after the model rehearsed last, so every quiet model gets its turn across slices.
        int first = 0;
        while (first < quiet.size() && quiet.get(first).compareTo(lastRehearsed) <= 0) first++;
        Collections.rotate(quiet, -first);
        Map<String, Integer> steps = new LinkedHashMap<>();
        for (int i = 0; !quiet.isEmpty() && System.nanoTime() < deadline; ) {
            String modelId = quiet.get(i % quiet.size());
            if (models.get(modelId).learner.replay()) {
                steps.merge(modelId, 1, Integer::sum);
                lastRehearsed = modelId;
                i++;
            } else {
                quiet.remove(i % quiet.size());
            }
        }
        rehearsal.giveBack(deadline - System.nanoTime());
        for (Map.Entry<String, Integer> e : steps.entrySet()) {
            ModelSlot slot = models.get(e.getKey());
            metrics.rehearsed(e.getKey(), e.getValue());
            slot.updatesSinceSnapshot += e.getValue();
            if (!slot.learner.canReplay()) {
                log.debug("model {}: rehearsal budget spent after {} updates", e.getKey(), slot.learner.updates());
                publish(e.getKey(), slot, now);
            }
            checkpoint(e.getKey(), slot, now);
        }
    }

    /**
     * Writes {@code modelId}'s checkpoint: its replay window's examples since the last one, then its TrainerState; the
     * journal drops what the checkpoint now covers.
     */
    private void checkpoint(String modelId, ModelSlot slot, long now) {
        var window = slot.learner.replayWindow();
        replay.append(modelId, window.capacity(), window.since(slot.windowedAtCheckpoint));
        slot.windowedAtCheckpoint = window.nextOrdinal();
        checkpoints.save(modelId, slot.toState(now));
        journal.checkpointed(modelId);
    }

    private void emit(String modelId, Emission emission, long now) {
        context.forward(new Record<>(modelId.getBytes(StandardCharsets.UTF_8), emission, now, new RecordHeaders()));
    }
}
