package io.credence.system.security;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The test's own clients, on the broker's plaintext listener: the test feeds and reads the pipeline there, while the
 * apps under test may only use the secured listener they are given.
 */
final class PlainKafka implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    PlainKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends {@code values} to {@code topic} (no keys), in order, and waits until all are written. */
    void produce(String topic, List<byte[]> values) throws ExecutionException, InterruptedException, TimeoutException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
        for (byte[] value : values) sent.add(producer.send(new ProducerRecord<>(topic, value)));
        producer.flush();
        for (Future<RecordMetadata> future : sent) future.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Reads {@code topic} from the beginning, committed records only, until {@code done} holds for the values read.
     *
     * @return the values read when {@code done} first held, in partition-then-offset order of arrival
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    List<byte[]> consumeUntil(String topic, Predicate<List<byte[]>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<byte[]> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map((PartitionInfo p) -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) throw new AssertionError("topic " + topic + " does not exist");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(read)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topic " + topic + ": condition not met within " + timeout + "; read "
                            + read.size() + " committed record(s)");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) read.add(record.value());
            }
        }
        return read;
    }

    @Override
    public void close() {
        producer.close();
    }
}
