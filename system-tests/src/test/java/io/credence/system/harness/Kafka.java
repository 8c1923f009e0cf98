package io.credence.system.harness;

import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.kit.RecordFeed;
import io.credence.kit.TopicLog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft broker in this JVM ({@link EmbeddedKafkaBroker}) set up for fault tests, with an admin client
 * and an idempotent producer ({@link RecordFeed}). Unlike {@code KafkaFixture} it sets broker properties: the fault tests need a lower
 * minimum session timeout (so a SIGKILLed member leaves the group in seconds) and a prompt abort of timed-out
 * transactions (so a killed instance's open transaction stops blocking read_committed readers soon after its timeout).
 */
public final class Kafka implements AutoCloseable {

    /**
     * The broker's {@code message.max.bytes}, the largest record batch it accepts (Kafka's default, written out so the
     * fuzzer knows where the edge is).
     */
    public static final int MAX_MESSAGE_BYTES = 1_048_588;
    /** Session timeout of the apps' consumers in fault tests: a killed member is evicted after this long. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private final Admin admin;
    private final RecordFeed feed;

    private Kafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        this.feed = new RecordFeed(broker.bootstrapServers());
    }

    /** Starts the broker; returns once it accepts clients. */
    public static Kafka start() {
        return new Kafka(EmbeddedKafkaBroker.builder()
                .brokerProperty("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES))
                .brokerProperty("group.min.session.timeout.ms", "1000")
                .brokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .start());
    }

    /** The plaintext {@code bootstrap.servers} value. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Whether {@code topic} exists now. */
    public boolean hasTopic(String topic) {
        try {
            return admin.listTopics().names().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /** Every committed record of {@code topic} now. */
    public List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        return TopicLog.readCommitted(bootstrapServers(), topic);
    }

    /** Sends the records in order (acks=all, idempotent) and waits until every one is written. */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        return feed.produce(records);
    }

    /**
     * Stops the broker gracefully, keeps it down for {@code downtime}, and starts it again on the same port and log dir;
     * returns how long it was away in all.
     */
    public Duration restart(Duration downtime) {
        long start = System.nanoTime();
        broker.stop();
        try {
            Thread.sleep(downtime.toMillis()); // the length of the outage is the fault being tested, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a broker outage", e);
        }
        broker.start();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        feed.close();
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }
}
