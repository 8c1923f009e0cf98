package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.serde.TopicCodec;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffered examples of every model's next mini-batch, one store entry per example so that buffering a record
 * writes only that record to the changelog. Entry i of a model is keyed (model id length, model id UTF-8, i), all
 * big-endian, and holds the example's original LabeledRecord bytes; a model's entries are always 0..n-1. The store is
 * what survives a crash; a decoded copy of each entry is kept beside it, so an example is decoded when it arrives and
 * not again when its batch is learned (the store is read back only by {@link #restore}).
 */
final class PendingBatches {

    /** A buffered example in raw units. */
    private record Example(double[] features, double label, Double weight) {
        static Example of(LabeledRecord r, double[] features) {
            return new Example(features, r.getLabel(), r.getWeight());
        }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final TopicCodec<LabeledRecord> codec;
    private final Map<String, List<Example>> decoded = new HashMap<>();

    /** Buffers in {@code store} the bytes {@code codec} reads (the input's own framing). */
    PendingBatches(KeyValueStore<Bytes, byte[]> store, TopicCodec<LabeledRecord> codec) {
        this.store = store;
        this.codec = codec;
    }

    /**
     * Stores {@code bytes}, decoded as {@code example} whose features are {@code features}, as example {@code index}
     * of {@code modelId}'s next batch.
     */
    void append(String modelId, int index, byte[] bytes, LabeledRecord example, double[] features) {
        List<Example> examples = decoded.computeIfAbsent(modelId, m -> new ArrayList<>());
        if (examples.size() != index) {
            throw new IllegalStateException("model " + modelId + " buffers example " + index + " after " + examples.size());
        }
        store.put(key(modelId, index), bytes);
        examples.add(Example.of(example, features));
    }

    /** Reads the examples {@code modelId} has buffered in the store (a task taking the model over) and counts them. */
    int restore(String modelId) {
        List<Example> examples = new ArrayList<>();
        byte[] bytes;
        while ((bytes = store.get(key(modelId, examples.size()))) != null) {
            LabeledRecord r = Redecode.of(codec::decode, bytes, "pending example " + examples.size() + " of model " + modelId);
            examples.add(Example.of(r, toArray(r.getFeatures())));
        }
        decoded.put(modelId, examples);
        return examples.size();
    }

    /** Removes and returns the {@code count} buffered examples of {@code modelId}, in arrival order. */
    MiniBatch take(String modelId, int count) {
        List<Example> examples = decoded.remove(modelId);
        if (examples == null || examples.size() != count) {
            throw new IllegalStateException("model " + modelId + " has " + (examples == null ? 0 : examples.size())
                    + " examples buffered, not " + count);
        }
        double[][] features = new double[count][];
        double[] labels = new double[count];
        double[] weights = new double[count];
        boolean weighted = false;
        for (int i = 0; i < count; i++) {
            store.put(key(modelId, i), null); // a delete that does not read the old value back
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

    private static Bytes key(String modelId, int index) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + id.length + Integer.BYTES)
                .putInt(id.length).put(id).putInt(index).array());
    }
}
