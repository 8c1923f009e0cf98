package io.credence.bench.e2e;

import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.kit.RecordFeed;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark input on a {@link RecordFeed}, in the wire format the apps read (Avro single-object encoding unless given
 * another {@link WireFormat}): labeled records and feature records spread round-robin over {@code models} model ids
 * {@code m0, m1...}, and posterior snapshots. Keys are record ids, so input spreads over every partition whatever the
 * number of models.
 */
public final class InputFeed implements AutoCloseable {
    private final RecordFeed feed;

    /** A feed of single-object-encoded records. */
    public InputFeed(String bootstrap) {
        this(bootstrap, WireFormat.singleObject());
    }

    /** A feed of records framed in {@code format}. */
    public InputFeed(String bootstrap, WireFormat format) {
        feed = new RecordFeed(bootstrap, format);
    }

    /** Model id number {@code i}. */
    public static String modelId(int i) {
        return "m" + i;
    }

    /** Sends {@code count} labeled records for {@code models} models and waits until the broker has them all. */
    public void labeled(String topic, int count, int models, RowSource rows) {
        labeled(topic, count, models, rows, false);
    }

    /**
     * Sends {@code count} labeled records for {@code models} models, keyed by model id when {@code keyedByModel}
     * (record id otherwise), and waits until the broker has them all.
     */
    public void labeled(String topic, int count, int models, RowSource rows, boolean keyedByModel) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            String model = modelId(i % models);
            feed.send(topic, keyedByModel ? model : "r" + i, feed.encode(topic, AvroCodecs.labeledRecord(), labeledRecord(model, "r" + i, rows, now)));
        }
        feed.flush();
    }

    /** The encoded labeled record {@code recordId} for {@code modelId}, made at {@code eventTimeMillis}. */
    public static byte[] labeled(String modelId, String recordId, RowSource rows, long eventTimeMillis) {
        return AvroCodecs.labeledRecord().encode(labeledRecord(modelId, recordId, rows, eventTimeMillis));
    }

    private static LabeledRecord labeledRecord(String modelId, String recordId, RowSource rows, long eventTimeMillis) {
        double[] x = rows.nextFeatures();
        return LabeledRecord.newBuilder().setModelId(modelId).setRecordId(recordId)
                .setFeatures(boxed(x)).setLabel(rows.label(x)).setEventTime(Instant.ofEpochMilli(eventTimeMillis)).build();
    }

    /** Sends {@code count} feature records for {@code models} models and waits until the broker has them all. */
    public void features(String topic, int count, int models, RowSource rows) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            feed.send(topic, "q" + i, feed.encode(topic, AvroCodecs.featureRecord(), featureRecord(modelId(i % models), "q" + i, rows, now)));
        }
        feed.flush();
    }

    /** The encoded feature record {@code requestId} for {@code modelId}, made at {@code eventTimeMillis}. */
    public static byte[] feature(String modelId, String requestId, RowSource rows, long eventTimeMillis) {
        return AvroCodecs.featureRecord().encode(featureRecord(modelId, requestId, rows, eventTimeMillis));
    }

    private static FeatureRecord featureRecord(String modelId, String requestId, RowSource rows, long eventTimeMillis) {
        return FeatureRecord.newBuilder().setModelId(modelId).setRequestId(requestId)
                .setFeatures(boxed(rows.nextFeatures())).setEventTime(Instant.ofEpochMilli(eventTimeMillis)).build();
    }

    /**
     * Publishes {@code snapshot} as the trainer does (keyed by its model id, or in parts when too large for one record)
     * and waits for the broker's acknowledgement.
     */
    public void snapshot(String topic, PosteriorSnapshot snapshot) {
        feed.sendSnapshot(topic, snapshot);
    }

    private static List<Double> boxed(double[] x) {
        return Arrays.stream(x).boxed().toList();
    }

    @Override
    public void close() {
        feed.close();
    }
}
