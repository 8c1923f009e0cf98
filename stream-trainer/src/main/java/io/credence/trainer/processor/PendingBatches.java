package io.credence.trainer.processor;

import io.credence.avro.LabeledRecord;
import io.credence.schemas.serde.AvroCodecs;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The buffered examples of every model's next mini-batch, one store entry per example so that buffering a record
 * writes only that record to the changelog. Entry i of a model is keyed (model id length, model id UTF-8, i), all
 * big-endian, and holds the example's original LabeledRecord bytes; a model's entries are always 0..n-1.
 */
final class PendingBatches {

    private final KeyValueStore<Bytes, byte[]> store;

    PendingBatches(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Stores {@code labeledRecord} as example {@code index} of {@code modelId}'s next batch. */
    void append(String modelId, int index, byte[] labeledRecord) {
        store.put(key(modelId, index), labeledRecord);
    }

    /** How many examples {@code modelId} has buffered. */
    int count(String modelId) {
        int n = 0;
        while (store.get(key(modelId, n)) != null) n++;
        return n;
    }

    /** Removes and returns the {@code count} buffered examples of {@code modelId}, in arrival order. */
    MiniBatch take(String modelId, int count) {
        double[][] features = new double[count][];
        double[] labels = new double[count];
        double[] weights = new double[count];
        boolean weighted = false;
        for (int i = 0; i < count; i++) {
            LabeledRecord r = Redecode.of(AvroCodecs.labeledRecord(), store.delete(key(modelId, i)), "pending example " + i + " of model " + modelId);
            features[i] = toArray(r.getFeatures());
            labels[i] = r.getLabel();
            weights[i] = r.getWeight() == null ? 1.0 : r.getWeight();
            weighted |= r.getWeight() != null;
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
