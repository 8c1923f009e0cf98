package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.serde.TopicCodec;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every model's examples since its last checkpoint: first the ones learned since then, in mini-batches, then the ones
 * buffered for the next mini-batch. One store entry per example, so that buffering a record writes only that record
 * to the changelog; learning a batch adds one small mark (the batch's size and the time it was learned) instead of
 * rewriting the model's checkpoint. A task that takes a model over restores its checkpoint and re-learns the marked
 * batches ({@link #restore}), which, learning being deterministic, brings the model to the state it had; a checkpoint
 * drops what it covers ({@link #checkpointed}). So a model's state is written per checkpoint, not per update, while
 * every record still counts exactly once.
 *
 * <p>Keys: example i of a model is (model id length: int, model id UTF-8, i in base-31 digits: {@link #key}) and holds
 * the example's original LabeledRecord bytes; mark j is (model id length, model id UTF-8, j in base-31 digits,
 * {@value #MARK}) and holds the batch's size (int) and learning time (epoch ms, long). A model's entries are always
 * examples 0..n-1 and marks 0..m-1, the marked batches covering examples 0..k-1 in order. The store is what survives
 * a crash; a decoded copy of each buffered example is kept beside it, so an example is decoded when it arrives and not
 * again when its batch is learned.
 */
final class ExampleJournal {

    private static final byte MARK = 'B';
    /** Base-31 digits of an index: 31^7 exceeds every int. */
    private static final int INDEX_DIGITS = 7;
    private static final int[] POWERS_OF_31 = {1, 31, 961, 29_791, 923_521, 28_629_151, 887_503_681};

    /** A batch learned since the checkpoint, as {@link #restore} gives it back. */
    record LearnedBatch(MiniBatch batch, long learnedAtMillis) {}

    /** What {@link #restore} found of a model: the batches to re-learn, oldest first, and how many examples wait. */
    record Restored(List<LearnedBatch> learned, int buffered) {}

    /** A buffered example in raw units, with the bytes it is stored as. */
    private record Example(double[] features, double label, Double weight, byte[] bytes) {
        static Example of(LabeledRecord r, double[] features, byte[] bytes) {
            return new Example(features, r.getLabel(), r.getWeight(), bytes);
        }
    }

    /** One model's entries: {@code learned} examples under {@code marks} marks, then {@code buffered}. */
    private static final class Entries {
        int learned;
        int marks;
        final List<Example> buffered = new ArrayList<>();
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final TopicCodec<LabeledRecord> codec;
    private final Map<String, Entries> models = new HashMap<>();

    /** Keeps in {@code store} the bytes {@code codec} reads (the input's own framing). */
    ExampleJournal(KeyValueStore<Bytes, byte[]> store, TopicCodec<LabeledRecord> codec) {
        this.store = store;
        this.codec = codec;
    }

    /**
     * Buffers {@code bytes}, decoded as {@code example} whose features are {@code features}, as example {@code index}
     * of {@code modelId}'s next batch.
     */
    void append(String modelId, int index, byte[] bytes, LabeledRecord example, double[] features) {
        Entries e = models.computeIfAbsent(modelId, m -> new Entries());
        if (e.buffered.size() != index) {
            throw new IllegalStateException("model " + modelId + " buffers example " + index + " after " + e.buffered.size());
        }
        store.put(exampleKey(modelId, e.learned + index), bytes);
        e.buffered.add(Example.of(example, features, bytes));
    }

    /**
     * The {@code count} buffered examples of {@code modelId}, in arrival order, marked as a batch learned at
     * {@code nowMillis}; they stay in the store until the next checkpoint.
     */
    MiniBatch learn(String modelId, int count, long nowMillis) {
        Entries e = models.get(modelId);
        if (e == null || e.buffered.size() != count) {
            throw new IllegalStateException("model " + modelId + " has " + (e == null ? 0 : e.buffered.size())
                    + " examples buffered, not " + count);
        }
        store.put(markKey(modelId, e.marks), ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(count).putLong(nowMillis).array());
        e.marks++;
        e.learned += count;
        MiniBatch batch = batchOf(e.buffered);
        e.buffered.clear();
        return batch;
    }

    /**
     * Drops the learned examples and marks of {@code modelId} (a checkpoint now covers them) and renumbers its buffered
     * examples from 0.
     */
    void checkpointed(String modelId) {
        Entries e = models.get(modelId);
        if (e == null || e.learned == 0 && e.marks == 0) return;
        for (int j = 0; j < e.marks; j++) store.put(markKey(modelId, j), null);
        int buffered = e.buffered.size();
        for (int i = 0; i < e.learned + buffered; i++) {
            store.put(exampleKey(modelId, i), i < buffered ? e.buffered.get(i).bytes() : null); // null: a delete
        }
        e.learned = 0;
        e.marks = 0;
    }

    /** Reads back what {@code modelId} keeps in the store (a task taking the model over). */
    Restored restore(String modelId) {
        Entries e = new Entries();
        List<LearnedBatch> learned = new ArrayList<>();
        byte[] mark;
        while ((mark = store.get(markKey(modelId, e.marks))) != null) {
            ByteBuffer b = ByteBuffer.wrap(mark);
            int count = b.getInt();
            long learnedAt = b.getLong();
            List<Example> examples = new ArrayList<>(count);
            for (int i = 0; i < count; i++) examples.add(read(modelId, e.learned + i));
            learned.add(new LearnedBatch(batchOf(examples), learnedAt));
            e.learned += count;
            e.marks++;
        }
        byte[] bytes;
        while ((bytes = store.get(exampleKey(modelId, e.learned + e.buffered.size()))) != null) {
            e.buffered.add(decode(modelId, e.learned + e.buffered.size(), bytes));
        }
        models.put(modelId, e);
        return new Restored(learned, e.buffered.size());
    }

    /** The models that have entries in the store, each once. */
    Set<String> modelIds() {
        Set<String> ids = new LinkedHashSet<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                ByteBuffer key = ByteBuffer.wrap(all.next().key.get());
                byte[] id = new byte[key.getInt()];
                key.get(id);
                ids.add(new String(id, StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    /** Drops the in-memory copy of {@code modelId}'s entries (the model leaves memory; {@link #restore} reads them back). */
    void forget(String modelId) {
        models.remove(modelId);
    }

    private Example read(String modelId, int index) {
        byte[] bytes = store.get(exampleKey(modelId, index));
        if (bytes == null) throw new IllegalStateException("example " + index + " of model " + modelId + " is marked learned but missing");
        return decode(modelId, index, bytes);
    }

    private Example decode(String modelId, int index, byte[] bytes) {
        LabeledRecord r = Redecode.of(codec::decode, bytes, "journaled example " + index + " of model " + modelId);
        return Example.of(r, toArray(r.getFeatures()), bytes);
    }

    private static MiniBatch batchOf(List<Example> examples) {
        int count = examples.size();
        double[][] features = new double[count][];
        double[] labels = new double[count];
        double[] weights = new double[count];
        boolean weighted = false;
        for (int i = 0; i < count; i++) {
            Example e = examples.get(i);
            features[i] = e.features();
            labels[i] = e.label();
            weights[i] = e.weight() == null ? 1.0 : e.weight();
            weighted |= e.weight() != null;
        }
        return new MiniBatch(features, labels, weighted ? weights : null);
    }

    static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    static Bytes exampleKey(String modelId, int index) {
        return key(modelId, index, 0);
    }

    static Bytes markKey(String modelId, int index) {
        return key(modelId, index, 1);
    }

    /**
     * (model id length, model id, index in {@value #INDEX_DIGITS} base-31 digits, most significant first, then
     * {@link #MARK} for a mark). Base-31 digits keep the keys in index order and give every index of a model its own
     * {@link Bytes#hashCode} (Java's 31-polynomial: the digits contribute exactly the index), which the record cache's
     * hash sets need: with the index's four big-endian bytes, thousands of a model's keys shared a few hundred hashes.
     */
    private static Bytes key(String modelId, int index, int markBytes) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer key = ByteBuffer.allocate(Integer.BYTES + id.length + INDEX_DIGITS + markBytes).putInt(id.length).put(id);
        for (int d = INDEX_DIGITS - 1; d >= 0; d--) key.put((byte) (index / POWERS_OF_31[d] % 31));
        if (markBytes > 0) key.put(MARK);
        return Bytes.wrap(key.array());
    }
}
