package io.credence.kit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a topic from its beginning on a background thread, as the apps' downstream consumers would (read_committed
 * after an exactly-once app), and hands every record to a {@link Handler} with the moment it became visible. Keeps
 * nothing: for long runs and large topics. {@link TopicLog} reads on the caller's thread and keeps what it read.
 */
public final class TopicTail implements AutoCloseable {
    /** Receives each record of the tail, on the tail's thread. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param record        the record
         * @param observedNanos {@link System#nanoTime()} when the poll that returned it came back
         */
        void accept(ConsumerRecord<byte[], byte[]> record, long observedNanos);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * Starts tailing every partition of {@code topic}; {@code readCommitted} hides aborted and open transactions.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public TopicTail(String bootstrap, String topic, boolean readCommitted, Handler handler) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " has no partitions (not created?)");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> run(handler), "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Handler handler) {
        try {
            while (!closed) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) handler.accept(r, now);
            }
        } catch (WakeupException e) {
            if (!closed) failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /**
     * Throws if the tail's thread has failed (a handler error, a broken connection).
     *
     * @throws IllegalStateException with the failure as cause
     */
    public void check() {
        Throwable t = failure.get();
        if (t != null) throw new IllegalStateException("tail " + thread.getName() + " failed: " + t, t);
    }

    /** Stops the thread, then throws as {@link #check} if it had failed. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }
}
