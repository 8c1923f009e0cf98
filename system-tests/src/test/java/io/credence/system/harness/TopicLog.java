package io.credence.system.harness;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything written to one topic so far, read from the beginning without a consumer group and kept: each
 * {@link #catchUp} reads on to the current end, so a test can poll a growing topic cheaply. Under
 * {@code read_committed} (the default) the end is the last stable offset and aborted records are never seen; under
 * {@code read_uncommitted} it is the high watermark. Not thread-safe.
 */
public final class TopicLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    private TopicLog(String bootstrapServers, String topic, String isolation) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * Kafka.MAX_MESSAGE_BYTES),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The committed records of {@code topic}. */
    public static TopicLog committed(String bootstrapServers, String topic) {
        return new TopicLog(bootstrapServers, topic, "read_committed");
    }

    /** Every record of {@code topic}, aborted and still-open transactions included. */
    public static TopicLog uncommitted(String bootstrapServers, String topic) {
        return new TopicLog(bootstrapServers, topic, "read_uncommitted");
    }

    /**
     * Reads on to the end the topic has now (nothing if it does not exist yet).
     *
     * @return every record read so far, in partition order of arrival (an unmodifiable view)
     */
    public List<ConsumerRecord<byte[], byte[]>> catchUp() {
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) return Collections.unmodifiableList(records);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(POLL).forEach(records::add);
        }
        return Collections.unmodifiableList(records);
    }

    /** The end offset of every partition now: the last stable offset (read_committed) or the high watermark. */
    public Map<TopicPartition, Long> endOffsets() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return consumer.endOffsets(partitions);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
