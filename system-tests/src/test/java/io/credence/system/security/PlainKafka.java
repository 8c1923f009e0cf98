package io.credence.system.security;

import io.credence.kit.RecordFeed;
import io.credence.kit.TopicLog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test's own clients, on the broker's plaintext listener: the test feeds and reads the pipeline there, while the
 * apps under test may only use the secured listener they are given.
 */
final class PlainKafka implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final RecordFeed feed;

    PlainKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.feed = new RecordFeed(bootstrapServers);
    }

    /** Sends {@code values} to {@code topic} (no keys), in order, and waits until all are written. */
    void produce(String topic, List<byte[]> values) {
        feed.produce(values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, v)).toList());
    }

    /**
     * Reads {@code topic} from the beginning, committed records only, until {@code done} holds for the values read.
     *
     * @return the values read when {@code done} first held, in partition-then-offset order of arrival
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    List<byte[]> consumeUntil(String topic, Predicate<List<byte[]>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicLog log = TopicLog.committed(bootstrapServers, topic)) {
            while (true) {
                List<byte[]> read = log.catchUp().stream().map(ConsumerRecord::value).toList();
                if (done.test(read)) return read;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topic " + topic + ": condition not met within " + timeout + "; read "
                            + read.size() + " committed record(s)");
                }
                Thread.sleep(POLL.toMillis()); // the poll interval; the condition decides
            }
        }
    }

    @Override
    public void close() {
        feed.close();
    }
}
