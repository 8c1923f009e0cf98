package io.credence.kit;

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
 * Everything written to one topic so far, read on the caller's thread from the beginning without a consumer group and
 * kept: each {@link #catchUp} reads on to the current end, so a test can poll a growing topic cheaply. Under
 * {@code read_committed} the end is the last stable offset and aborted records are never seen; under
 * {@code read_uncommitted} it is the high watermark. Not thread-safe; {@link TopicTail} reads on a thread of its own.
 */
public final class TopicLog implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    /** Four times the largest record batch a broker accepts by default (message.max.bytes, 1,048,588). */
    private static final int FETCH_BYTES = 4 * 1_048_588;

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    private TopicLog(String bootstrapServers, String topic, String isolation) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES),
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

    /** Every committed record of {@code topic} now (nothing if it does not exist yet). */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrapServers, String topic) {
        try (TopicLog log = committed(bootstrapServers, topic)) {
            return List.copyOf(log.catchUp());
        }
    }

    /** Every record of {@code topic} now, aborted and still-open transactions included. */
    public static List<ConsumerRecord<byte[], byte[]>> readUncommitted(String bootstrapServers, String topic) {
        try (TopicLog log = uncommitted(bootstrapServers, topic)) {
            return List.copyOf(log.catchUp());
        }
    }

    /**
     * Reads on to the end the topic has now (nothing if it does not exist yet).
     *
     * @return every record read so far, in partition order of arrival (an unmodifiable view)
     */
    public List<ConsumerRecord<byte[], byte[]>> catchUp() {
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions = partitions();
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
        return consumer.endOffsets(partitions());
    }

    private List<TopicPartition> partitions() {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
