package io.credence.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A running Kafka for integration tests: Testcontainers' {@code apache/kafka} when Testcontainers is on the test
 * classpath and a Docker daemon answers, otherwise an {@link EmbeddedKafkaBroker} in this JVM.
 *
 * <p>Typical use, one per test class: {@link PerTestClass}; a test that stops and restarts Kafka itself calls
 * {@link #start()} and {@link #close()}. Reads are {@code read_committed} and wait by polling until a deadline.
 */
public final class KafkaFixture implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final EmbeddedKafkaBroker broker;
    private final Runnable stopContainer;
    private final String bootstrapServers;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    private KafkaFixture(EmbeddedKafkaBroker broker, Runnable stopContainer, String bootstrapServers) {
        this.broker = broker;
        this.stopContainer = stopContainer;
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Starts Kafka in a container when Docker is reachable, else in this JVM; returns once it accepts clients. */
    public static KafkaFixture start() {
        if (testcontainersPresent() && DockerKafka.dockerAvailable()) {
            DockerKafka.Started started = DockerKafka.start();
            return new KafkaFixture(null, started.stop(), started.bootstrapServers());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        return new KafkaFixture(broker, null, broker.bootstrapServers());
    }

    /** The value for {@code bootstrap.servers} (plaintext). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client for this Kafka, closed by {@link #close()}. */
    public Admin admin() {
        return admin;
    }

    /** Creates a topic with replication factor 1, optionally with {@code cleanup.policy=compact}, and waits for it. */
    public void createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1)
                .configs(compacted ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        : Map.of());
        await(admin.createTopics(List.of(topic)).all(), "create topic " + name);
    }

    /** Sends one record (acks=all, idempotent) and waits until it is written. */
    public RecordMetadata produce(String topic, byte[] key, byte[] value) {
        return produce(List.of(new ProducerRecord<>(topic, key, value))).get(0);
    }

    /** Sends the records in order (acks=all, idempotent) and waits until all are written; returns where each went. */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> record : records) {
            sent.add(producer().send(record));
        }
        producer().flush();
        List<RecordMetadata> written = new ArrayList<>(sent.size());
        for (Future<RecordMetadata> future : sent) {
            written.add(await(future, "produce to " + records.get(written.size()).topic()));
        }
        return written;
    }

    /**
     * Reads {@code topic} from the beginning, committed records only, until at least {@code count} records arrived.
     *
     * @return every record read, in partition-then-offset order of arrival (at least {@code count})
     * @throws AssertionError when fewer than {@code count} records arrive within {@code timeout}
     */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        return consumeUntil(topic, records -> records.size() >= count, timeout);
    }

    /**
     * Reads {@code topic} from the beginning, committed records only, until {@code done} holds for all records read
     * so far. The topic may not exist yet when this is called (an application under test may create it).
     *
     * @return every record read when {@code done} first held
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    public List<ConsumerRecord<byte[], byte[]>> consumeUntil(
            String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            while (!done.test(read)) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("Topic " + topic + ": condition not met within " + timeout.toMillis()
                            + " ms; read " + read.size() + " committed record(s)");
                }
                if (consumer.assignment().isEmpty()) {
                    assignAllPartitions(consumer, topic);
                } else {
                    consumer.poll(POLL_INTERVAL).forEach(read::add);
                }
            }
        }
        return read;
    }

    /** Whether {@link #restartBroker()} is possible: only the embedded broker can be restarted. */
    public boolean canRestartBroker() {
        return broker != null;
    }

    /**
     * Stops and restarts the embedded broker on the same port and log dir (a broker-restart fault).
     *
     * @throws UnsupportedOperationException on a container; guard with {@code assumeTrue(kafka.canRestartBroker())}
     */
    public void restartBroker() {
        if (broker == null) {
            throw new UnsupportedOperationException("Only the embedded broker can be restarted, not a container");
        }
        broker.restart();
    }

    /** Closes the clients, then stops the broker or the container. */
    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        admin.close();
        if (broker != null) {
            broker.close();
        } else {
            stopContainer.run();
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Assigns every partition of {@code topic} from its start, or waits one poll interval if it does not exist yet. */
    private static void assignAllPartitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            pause();
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a topic", e);
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka failed to " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not " + what + " within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        }
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, KafkaFixture.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
