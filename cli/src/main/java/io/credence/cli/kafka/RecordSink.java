package io.credence.cli.kafka;

import io.credence.cli.CommandFailure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends encoded records asynchronously and remembers the first failure, which the next {@link #send} or
 * {@link #flush} reports; {@link #acknowledged()} counts the records the broker has confirmed.
 */
public final class RecordSink implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();

    /** A sink over a new idempotent producer with these client settings. */
    public RecordSink(Map<String, Object> settings) {
        this.producer = Clients.producer(settings);
    }

    /** Queues one record with a string key (null for none). */
    public void send(String topic, String key, byte[] value) {
        rethrow();
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value),
                    (metadata, e) -> {
                        if (e != null) failure.compareAndSet(null, e);
                        else acknowledged.incrementAndGet();
                    });
        } catch (KafkaException e) {
            throw new CommandFailure("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Waits until every queued record is acknowledged. */
    public void flush() {
        producer.flush();
        rethrow();
    }

    /** Records the broker has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) throw new CommandFailure("sending failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
