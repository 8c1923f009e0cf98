package io.credence.cli.kafka;

import io.credence.cli.CommandFailure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Kafka clients as the CLI uses them: byte-array records, idempotent producers, read_committed consumers. */
public final class Clients {

    private static final int ADMIN_TIMEOUT_MS = 15_000;

    private Clients() {}

    /** An idempotent producer (acks=all) of raw key and value bytes; the caller's settings come first. */
    public static KafkaProducer<byte[], byte[]> producer(Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A read_committed consumer without a group (the caller assigns partitions), no auto-commit. */
    public static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An admin client with bounded timeouts. */
    public static Admin admin(Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        return Admin.create(p);
    }

    /**
     * Checks that every topic exists, so that a command fails at once with a clear line rather than a producer
     * blocking on metadata.
     *
     * @throws CommandFailure naming the missing topic, or the broker that does not answer
     */
    public static void requireTopics(Map<String, Object> settings, Collection<String> topics) {
        try (Admin admin = admin(settings)) {
            admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CommandFailure("a topic of " + topics + " does not exist on " + settings.get("bootstrap.servers")
                        + " (start the trainer and scorer first: they create their topics)");
            }
            throw unreachable(settings, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(settings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while checking topics " + topics, e);
        }
    }

    /**
     * Checks that a broker answers, so that an app is not started against nothing.
     *
     * @throws CommandFailure naming the bootstrap servers
     */
    public static void requireBroker(Map<String, Object> settings) {
        try (Admin admin = admin(settings)) {
            admin.describeCluster().nodes().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable(settings, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(settings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while looking for a broker", e);
        }
    }

    /** The failure to report when the brokers do not answer. */
    public static CommandFailure unreachable(Map<String, Object> settings, Throwable cause) {
        String why = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new CommandFailure("no Kafka broker answered at " + settings.get("bootstrap.servers") + why
                + "; start one with `credence broker` or pass --bootstrap", cause);
    }
}
