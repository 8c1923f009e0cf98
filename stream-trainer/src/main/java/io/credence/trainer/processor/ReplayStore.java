package io.credence.trainer.processor;

import io.credence.bnn.inference.ReplayWindow;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changelogged copy of every model's {@link ReplayWindow} as of its checkpoint: the examples added since the last
 * checkpoint are written as one or a few store entries (chunks), keyed (model id length, model id UTF-8, ordinal of
 * the chunk's first example), all big-endian, and a chunk is deleted once all its examples have left the window. A value is a format byte (1),
 * the first ordinal, the example count and the feature count, then per example its label, weight and features as
 * big-endian float32 in raw units: the precision the trainer's checkpoints keep its parameters in, so a restored
 * window rehearses what the live one does to float precision, at 60 bytes a 13-feature record instead of 120. A
 * model's chunks are read back by a range scan of its key prefix when a task takes it over.
 */
final class ReplayStore {

    private static final byte FORMAT = 1;
    /** Largest chunk written, bytes: well under a Kafka record's default 1 MiB, whatever the feature count. */
    static final int MAX_CHUNK_BYTES = 256 * 1024;
    private static final int HEADER_BYTES = 1 + Long.BYTES + 2 * Integer.BYTES;

    /** One stored chunk: the ordinal of its first example and how many it holds. */
    private record Chunk(long first, int count) {
        long last() { return first + count - 1; }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    /** The chunks each model has in the store, oldest first. */
    private final Map<String, Deque<Chunk>> chunks = new HashMap<>();

    ReplayStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * Writes {@code examples} (added to {@code modelId}'s window of {@code capacity} since the last call, consecutive
     * ordinals) as chunks of at most {@value #MAX_CHUNK_BYTES} bytes and deletes the chunks that have left the window.
     */
    void append(String modelId, int capacity, List<ReplayWindow.Example> examples) {
        if (examples.isEmpty()) return;
        int perChunk = Math.max(1, (MAX_CHUNK_BYTES - HEADER_BYTES) / ((2 + examples.get(0).features().length) * Float.BYTES));
        Deque<Chunk> kept = chunks.computeIfAbsent(modelId, m -> new ArrayDeque<>());
        for (int from = 0; from < examples.size(); from += perChunk) {
            List<ReplayWindow.Example> part = examples.subList(from, Math.min(examples.size(), from + perChunk));
            Chunk chunk = new Chunk(part.get(0).ordinal(), part.size());
            store.put(key(modelId, chunk.first()), encode(part));
            kept.addLast(chunk);
        }
        long oldestInWindow = kept.peekLast().last() - capacity + 1;
        while (kept.peekFirst().last() < oldestInWindow) store.delete(key(modelId, kept.removeFirst().first()));
    }

    /** The examples of {@code modelId}'s window of {@code capacity}, oldest first, as the store keeps them. */
    List<ReplayWindow.Example> restore(String modelId, int capacity) {
        Deque<Chunk> kept = new ArrayDeque<>();
        List<ReplayWindow.Example> all = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(modelId, 0), key(modelId, Long.MAX_VALUE))) {
            while (it.hasNext()) {
                List<ReplayWindow.Example> examples = decode(modelId, it.next().value);
                kept.addLast(new Chunk(examples.get(0).ordinal(), examples.size()));
                all.addAll(examples);
            }
        }
        chunks.put(modelId, kept);
        return all.subList(Math.max(0, all.size() - capacity), all.size());
    }

    /** Drops the in-memory index of {@code modelId}'s chunks (the model leaves memory; {@link #restore} reads it back). */
    void forget(String modelId) {
        chunks.remove(modelId);
    }

    /** Deletes every chunk kept for {@code modelId} (its window was emptied: a new posterior or capacity). */
    void clear(String modelId) {
        Deque<Chunk> kept = chunks.remove(modelId);
        if (kept != null) kept.forEach(c -> store.delete(key(modelId, c.first())));
    }

    private static byte[] encode(List<ReplayWindow.Example> examples) {
        int features = examples.get(0).features().length;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + examples.size() * (2 + features) * Float.BYTES);
        b.put(FORMAT).putLong(examples.get(0).ordinal()).putInt(examples.size()).putInt(features);
        for (ReplayWindow.Example e : examples) {
            b.putFloat((float) e.label()).putFloat((float) e.weight());
            for (double v : e.features()) b.putFloat((float) v);
        }
        return b.array();
    }

    private static List<ReplayWindow.Example> decode(String modelId, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("replay examples of model " + modelId + " have format " + format + ", this trainer reads " + FORMAT);
        }
        long first = b.getLong();
        int count = b.getInt(), features = b.getInt();
        List<ReplayWindow.Example> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            double label = b.getFloat(), weight = b.getFloat();
            double[] x = new double[features];
            for (int i = 0; i < features; i++) x[i] = b.getFloat();
            out.add(new ReplayWindow.Example(first + n, x, label, weight));
        }
        return out;
    }

    private static Bytes key(String modelId, long firstOrdinal) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + id.length + Long.BYTES)
                .putInt(id.length).put(id).putLong(firstOrdinal).array());
    }
}
