package io.credence.bench.e2e;

import io.credence.schemas.serde.WireFormat;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.schemas.serde.AvroCodecs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A producer of benchmark input in the wire format the apps read (Avro single-object encoding unless given another
 * {@link WireFormat}): labeled records and
 * feature records spread round-robin over {@code models} model ids {@code m0, m1...}, and posterior snapshots. Keys
 * are record ids, so input spreads over every partition whatever the number of models.
 */
public final class InputFeed implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final WireFormat format;
    /** The first send that failed, reported by {@link #flush}. */
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** A feed of single-object-encoded records. */
    public InputFeed(String bootstrap) {
        this(bootstrap, WireFormat.singleObject());
    }

    /** A feed of records framed in {@code format}. */
    public InputFeed(String bootstrap, WireFormat format) {
        this.format = format;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // One request in flight: a first batch refused with NOT_LEADER_OR_FOLLOWER on a just-created topic is
                // otherwise overtaken by later batches, and its retry fails with OUT_OF_ORDER_SEQUENCE_NUMBER forever.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                new ByteArraySerializer(), new ByteArraySerializer());
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
            send(topic, keyedByModel ? model : "r" + i, format.encode(topic, AvroCodecs.labeledRecord(), labeledRecord(model, "r" + i, rows, now)));
        }
        flush();
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
            send(topic, "q" + i, format.encode(topic, AvroCodecs.featureRecord(), featureRecord(modelId(i % models), "q" + i, rows, now)));
        }
        flush();
    }

    /** The encoded feature record {@code requestId} for {@code modelId}, made at {@code eventTimeMillis}. */
    public static byte[] feature(String modelId, String requestId, RowSource rows, long eventTimeMillis) {
        return AvroCodecs.featureRecord().encode(featureRecord(modelId, requestId, rows, eventTimeMillis));
    }

    private static FeatureRecord featureRecord(String modelId, String requestId, RowSource rows, long eventTimeMillis) {
        return FeatureRecord.newBuilder().setModelId(modelId).setRequestId(requestId)
                .setFeatures(boxed(rows.nextFeatures())).setEventTime(Instant.ofEpochMilli(eventTimeMillis)).build();
    }

    /** Publishes {@code snapshot} keyed by its model id and waits for the broker's acknowledgement. */
    public void snapshot(String topic, PosteriorSnapshot snapshot) {
        try {
            producer.send(new ProducerRecord<>(topic, snapshot.getModelId().getBytes(StandardCharsets.UTF_8),
                    format.encode(topic, AvroCodecs.posteriorSnapshot(), snapshot))).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish snapshot " + snapshot.getModelId() + " v" + snapshot.getVersion() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a snapshot", e);
        }
    }

    /** Sends one record without waiting; a failure surfaces at the next {@link #flush}. */
    public void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (metadata, error) -> {
            if (error != null) failure.compareAndSet(null, error);
        });
    }

    /**
     * Waits until every record sent so far is acknowledged.
     *
     * @throws IllegalStateException when a send failed
     */
    public void flush() {
        producer.flush();
        Exception error = failure.get();
        if (error != null) throw new IllegalStateException("a benchmark record could not be produced: " + error, error);
    }

    private static List<Double> boxed(double[] x) {
        return Arrays.stream(x).boxed().toList();
    }

    @Override
    public void close() {
        producer.close();
    }
}
