package io.credence.scorer.processor;

import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.data.InputRejection;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.TopicCodec;
import io.credence.scorer.config.NoModelPolicy;
import io.credence.scorer.config.ScorerSettings;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.LoadedModel;
import io.credence.scorer.scoring.PredictorCache;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores feature records in micro-batches. Each decodable record is put in the changelogged pending store; a model's
 * pending records are scored in one {@code Predictor.predict} call as soon as {@link ScorerSettings#batchSize} of
 * them wait, and a wall-clock punctuator every {@link ScorerSettings#linger} scores whatever is left. Predictions
 * are forwarded in the same transaction as the store deletions, so under exactly_once_v2 a crash neither loses nor
 * duplicates a buffered record. The same store holds records whose model has no snapshot yet (policy WAIT, bounded by
 * {@link ScorerSettings#waitBound}). Every unusable record becomes a dead letter with its original bytes, except one
 * over {@link DeadLetters#MAX_INPUT_BYTES}, whose dead letter (TOO_LARGE) gives its sizes and offset instead.
 */
public final class ScoringProcessor implements Processor<byte[], byte[], byte[], ScorerOutput> {
    /** Changelogged key-value store of records waiting for their micro-batch or their model's first snapshot. */
    public static final String PENDING_STORE = "pending-features";
    static final String APP = "stream-scorer";
    static final String UNKNOWN_MODEL = "UNKNOWN_MODEL";
    static final String BUFFER_FULL = "BUFFER_FULL";

    private final TopicCodec<FeatureRecord> codec;
    private final String sourceTopic;
    private final ScorerSettings settings;
    private final PredictorCache cache;
    private final ScorerMetrics metrics;

    private ProcessorContext<byte[], ScorerOutput> context;
    private KeyValueStore<Bytes, byte[]> pending;
    /**
     * The pending records of each model in arrival order, by store key, mirroring the store (rebuilt from it at init):
     * a record keeps the form it was decoded to on arrival, so it is not decoded again when scored; one read back from
     * the store after a restart or a rebalance is decoded then.
     */
    private final Map<String, LinkedHashMap<Bytes, Held>> held = new HashMap<>();
    private long nextSequence;

    /** A pending record and its decoded features, or null features when it was read back from the store. */
    private record Held(PendingRecord record, FeatureRecord features) {}

    /** A processor of the feature records {@code codec} reads. */
    public ScoringProcessor(TopicCodec<FeatureRecord> codec, ScorerSettings settings, PredictorCache cache, ScorerMetrics metrics) {
        this.codec = codec;
        this.sourceTopic = codec.topic();
        this.settings = settings;
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], ScorerOutput> context) {
        this.context = context;
        this.pending = context.getStateStore(PENDING_STORE);
        held.clear();
        long maxSequence = -1;
        try (KeyValueIterator<Bytes, byte[]> all = pending.all()) { // in key order: by model, then by arrival
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> kv = all.next();
                byte[] key = kv.key.get();
                held.computeIfAbsent(PendingRecord.modelIdOf(key), m -> new LinkedHashMap<>())
                        .put(kv.key, new Held(PendingRecord.decode(kv.value), null));
                maxSequence = Math.max(maxSequence, PendingRecord.sequenceOf(key));
            }
        }
        nextSequence = maxSequence + 1;
        metrics.pendingChanged(pendingCount());
        context.schedule(settings.linger(), PunctuationType.WALL_CLOCK_TIME, now -> flushAll());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long now = context.currentSystemTimeMs();
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        if (DeadLetters.tooLarge(record.key(), record.value())) {
            // Its prediction would echo ids of any length and its dead letter would quote it: either could exceed the
            // producer's request limit, and a failed write stops the scorer.
            DeadLetter letter = DeadLetters.tooLarge(APP, sourceTopic, meta.partition(), meta.offset(), record.key(),
                    record.value(), now);
            context.forward(new Record<>(null, new ScorerOutput.Dead(letter), record.timestamp()));
            metrics.deadLettered(DeadLetters.TOO_LARGE);
            return;
        }
        PendingRecord arrived = new PendingRecord(meta.partition(), meta.offset(), record.timestamp(), now,
                record.key(), record.value());
        FeatureRecord features;
        try {
            features = codec.decode(record.value());
        } catch (DecodeException e) {
            deadLetter(arrived, e.errorClass(), e.getMessage());
            return;
        }
        String modelId = features.getModelId();
        Optional<LoadedModel> model = cache.current(modelId);
        if (model.isPresent()) {
            Optional<InputRejection> bad = model.get().check(features);
            if (bad.isPresent()) {
                deadLetter(arrived, bad.get().error().name(), bad.get().reason());
                return;
            }
        } else if (settings.noModelPolicy() == NoModelPolicy.DLQ) {
            deadLetter(arrived, UNKNOWN_MODEL, noModelReason(modelId));
            return;
        } else if (waiting() >= settings.waitBound()) {
            deadLetter(arrived, BUFFER_FULL, "buffer full: " + settings.waitBound() + " records already wait for "
                    + "models without a snapshot; model " + modelId + " has none yet");
            return;
        }
        Bytes storeKey = Bytes.wrap(PendingRecord.key(modelId, nextSequence++));
        pending.put(storeKey, arrived.encode());
        metrics.pendingChanged(1);
        LinkedHashMap<Bytes, Held> ofModel = held.computeIfAbsent(modelId, m -> new LinkedHashMap<>());
        ofModel.put(storeKey, new Held(arrived, features));
        if (model.isPresent() && ofModel.size() >= settings.batchSize()) {
            flush(modelId, model.get());
        }
    }

    /** Scores every model's pending records; dead-letters those of unknown models under policy DLQ. */
    private void flushAll() {
        for (String modelId : List.copyOf(held.keySet())) {
            Optional<LoadedModel> model = cache.current(modelId);
            if (model.isPresent()) {
                flush(modelId, model.get());
            } else if (settings.noModelPolicy() == NoModelPolicy.DLQ) {
                // The snapshot was deleted after these records were accepted.
                held.remove(modelId).forEach((storeKey, h) -> {
                    deadLetter(h.record(), UNKNOWN_MODEL, noModelReason(modelId));
                    remove(storeKey);
                });
            }
        }
    }

    /** Scores all pending records of one model, grouped by sample count and chunked into micro-batches. */
    private void flush(String modelId, LoadedModel model) {
        Map<Integer, List<Entry>> bySamples = new LinkedHashMap<>();
        for (Map.Entry<Bytes, Held> e : held.remove(modelId).entrySet()) {
            PendingRecord p = e.getValue().record();
            FeatureRecord features = e.getValue().features();
            if (features == null) {
                try {
                    features = codec.decode(p.value());
                } catch (DecodeException ex) {
                    throw new IllegalStateException("pending record " + e.getKey() + " decoded when it arrived but not now", ex);
                }
            }
            Optional<InputRejection> bad = model.check(features);
            if (bad.isPresent()) {
                // Only for records accepted before this version's spec was known: ones that waited for the model's
                // first snapshot, or ones of a model re-created under the same id with another feature count.
                deadLetter(p, bad.get().error().name(), bad.get().reason());
                remove(e.getKey());
                continue;
            }
            bySamples.computeIfAbsent(model.samplesFor(features), s -> new ArrayList<>())
                    .add(new Entry(e.getKey(), p, features));
        }
        for (Map.Entry<Integer, List<Entry>> group : bySamples.entrySet()) {
            List<Entry> entries = group.getValue();
            for (int from = 0; from < entries.size(); from += settings.batchSize()) {
                score(model, entries.subList(from, Math.min(entries.size(), from + settings.batchSize())), group.getKey());
            }
        }
    }

    private void score(LoadedModel model, List<Entry> batch, int samples) {
        long now = context.currentSystemTimeMs();
        List<Prediction> predictions = model.score(batch.stream().map(Entry::features).toList(), samples, now);
        long[] latencies = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Entry e = batch.get(i);
            context.forward(new Record<>(e.record.key(), new ScorerOutput.Scored(predictions.get(i)), e.record.timestamp()));
            remove(e.storeKey);
            latencies[i] = now - e.record.arrivedAtMillis();
        }
        metrics.scored(model.modelId(), latencies);
    }

    @Override
    public void close() {
        metrics.pendingChanged(-pendingCount());
    }

    private void remove(Bytes storeKey) {
        pending.delete(storeKey);
        metrics.pendingChanged(-1);
    }

    private int pendingCount() {
        return held.values().stream().mapToInt(Map::size).sum();
    }

    /** Records held for models that have no snapshot. */
    private int waiting() {
        int total = 0;
        for (Map.Entry<String, LinkedHashMap<Bytes, Held>> e : held.entrySet()) {
            if (cache.current(e.getKey()).isEmpty()) total += e.getValue().size();
        }
        return total;
    }

    private void deadLetter(PendingRecord p, String errorClass, String reason) {
        DeadLetter letter = DeadLetters.of(APP, sourceTopic, p.partition(), p.offset(), errorClass, reason, p.key(),
                p.value(), context.currentSystemTimeMs());
        context.forward(new Record<>(p.key(), new ScorerOutput.Dead(letter), p.timestamp()));
        metrics.deadLettered(errorClass);
    }

    private static String noModelReason(String modelId) {
        return "no model: no posterior snapshot of model " + modelId + " has been published";
    }

    private record Entry(Bytes storeKey, PendingRecord record, FeatureRecord features) {}
}
