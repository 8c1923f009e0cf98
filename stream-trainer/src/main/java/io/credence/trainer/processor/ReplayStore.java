package io.credence.trainer.processor;

import io.credence.bnn.inference.ReplayWindow;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The changelogged copy of every model's {@link ReplayWindow}: one store entry per example, keyed (model id length,
 * model id UTF-8, ordinal modulo the window's capacity), all big-endian, so adding an example overwrites the one it
 * pushes out of the window and costs one changelog record. A value is a format byte (1), the ordinal, label and weight,
 * the feature count and the features, as big-endian longs, doubles and an int: raw units, exactly what the learner
 * rehearses. A model's entries are read back by a range scan of its key prefix when a task takes it over.
 */
final class ReplayStore {

    private static final byte FORMAT = 1;

    private final KeyValueStore<Bytes, byte[]> store;

    ReplayStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Writes {@code examples} (just added to {@code modelId}'s window of {@code capacity}) to their slots. */
    void append(String modelId, int capacity, List<ReplayWindow.Example> examples) {
        for (ReplayWindow.Example e : examples) store.put(key(modelId, (int) (e.ordinal() % capacity)), encode(e));
    }

    /** The examples kept for {@code modelId}, in any order. */
    List<ReplayWindow.Example> restore(String modelId) {
        List<ReplayWindow.Example> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(modelId, 0), key(modelId, Integer.MAX_VALUE))) {
            while (it.hasNext()) out.add(decode(modelId, it.next().value));
        }
        return out;
    }

    /** Deletes every example kept for {@code modelId} (its window was emptied: a new posterior or capacity). */
    void clear(String modelId) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(modelId, 0), key(modelId, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                keys.add(kv.key);
            }
        }
        for (Bytes k : keys) store.delete(k);
    }

    private static byte[] encode(ReplayWindow.Example e) {
        double[] x = e.features();
        ByteBuffer b = ByteBuffer.allocate(1 + Long.BYTES + 2 * Double.BYTES + Integer.BYTES + x.length * Double.BYTES);
        b.put(FORMAT).putLong(e.ordinal()).putDouble(e.label()).putDouble(e.weight()).putInt(x.length);
        for (double v : x) b.putDouble(v);
        return b.array();
    }

    private static ReplayWindow.Example decode(String modelId, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("replay example of model " + modelId + " has format " + format + ", this trainer reads " + FORMAT);
        }
        long ordinal = b.getLong();
        double label = b.getDouble(), weight = b.getDouble();
        double[] x = new double[b.getInt()];
        for (int i = 0; i < x.length; i++) x[i] = b.getDouble();
        return new ReplayWindow.Example(ordinal, x, label, weight);
    }

    private static Bytes key(String modelId, int slot) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + id.length + Integer.BYTES)
                .putInt(id.length).put(id).putInt(slot).array());
    }
}
