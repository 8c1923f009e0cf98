package io.credence.kit;

import io.credence.avro.PosteriorSnapshot;
import io.credence.schemas.parts.SnapshotKeys;
import io.credence.schemas.parts.SnapshotParts;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A producer of the pipeline's input (acks=all, idempotent), framing records in the apps' wire format (Avro
 * single-object encoding unless given another {@link WireFormat}): records sent one by one without waiting, failures
 * reported by {@link #flush}, or lists sent and awaited. One request in flight: a first batch refused with
 * NOT_LEADER_OR_FOLLOWER on a just-created topic is otherwise overtaken by later batches, and its retry fails with
 * OUT_OF_ORDER_SEQUENCE_NUMBER forever. Retries ride out a broker restart for up to a minute.
 */
public final class RecordFeed implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<byte[], byte[]> producer;
    private final WireFormat format;
    /** The first send that failed, reported by {@link #flush}. */
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** A feed of single-object-encoded records. */
    public RecordFeed(String bootstrap) {
        this(bootstrap, WireFormat.singleObject());
    }

    /** A feed of records framed in {@code format}. */
    public RecordFeed(String bootstrap, WireFormat format) {
        this.format = format;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** {@code record} framed as the feed frames the records of {@code topic}. */
    public <T extends SpecificRecord> byte[] encode(String topic, AvroCodec<T> codec, T record) {
        return format.encode(topic, codec, record);
    }

    /** Sends one record keyed by the UTF-8 bytes of {@code key} without waiting; a failure surfaces at the next {@link #flush}. */
    public void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, utf8(key), value), (metadata, error) -> {
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
        if (error != null) throw new IllegalStateException("a record could not be produced: " + error, error);
    }

    /** Sends one record keyed by the UTF-8 bytes of {@code key} and waits for the broker's acknowledgement. */
    public RecordMetadata sendAndWait(String topic, String key, byte[] value) {
        return produce(List.of(new ProducerRecord<>(topic, utf8(key), value))).get(0);
    }

    /**
     * Sends the records in order and waits until every one is written.
     *
     * @return where each went
     * @throws IllegalStateException when one is refused or not acknowledged within a minute
     */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) sent.add(producer.send(r));
        producer.flush();
        List<RecordMetadata> written = new ArrayList<>(sent.size());
        for (Future<RecordMetadata> f : sent) {
            String topic = records.get(written.size()).topic();
            try {
                written.add(f.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("a record to " + topic + " was not acknowledged within " + SEND_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while producing to " + topic, e);
            }
        }
        return written;
    }

    /**
     * Publishes {@code snapshot} as the trainer does: one record keyed by its model id, or its parts when it is too
     * large for one record ({@link SnapshotParts}), on the partition of its model id; waits until every record is
     * written.
     */
    public List<RecordMetadata> sendSnapshot(String topic, PosteriorSnapshot snapshot) {
        int partitions = producer.partitionsFor(topic).size();
        return produce(SnapshotParts.of(format.on(topic, AvroCodecs.posteriorSnapshot()), snapshot).stream()
                .map(r -> new ProducerRecord<>(topic, SnapshotKeys.partition(r.key(), partitions), r.key(), r.value())).toList());
    }

    /** The UTF-8 bytes of {@code s}: the keys of the pipeline's topics (model ids, record ids). */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
