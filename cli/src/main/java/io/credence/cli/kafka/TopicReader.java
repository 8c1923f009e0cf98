package io.credence.cli.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import io.credence.cli.CommandFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads every partition of one topic (read_committed, no consumer group) from the start, from the end, or from
 * offsets noted earlier with {@link #endOffsets()}.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    /**
     * A reader of {@code topic}, positioned at the start.
     *
     * @throws CommandFailure when the topic does not exist
     */
    public TopicReader(Map<String, Object> settings, String topic) {
        this.consumer = Clients.consumer(settings);
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            consumer.close();
            throw Clients.unreachable(settings, e);
        }
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new CommandFailure("topic " + topic + " does not exist on " + settings.get("bootstrap.servers"));
        }
        this.partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The current end offset of every partition (the last stable offset under read_committed). */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /** Moves to the end of every partition: only records written from now on are read. */
    public void seekToEnd() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now, not at the first poll
    }

    /** Moves to {@code offsets} (partitions not named stay where they are). */
    public void seek(Map<TopicPartition, Long> offsets) {
        offsets.forEach(consumer::seek);
    }

    /** The records that arrive within {@code timeout} (possibly none). */
    public List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    /**
     * Per partition, the last record whose key is {@code key}, reading from here up to the end offsets the topic has
     * now, as a compacted topic keeps it (a tombstone's value is null); a key normally lives in one partition, but
     * producers with other partitioners (librdkafka's default, for one) may have put it in several.
     *
     * @throws CommandFailure when reading up to the end offsets takes longer than {@code timeout}
     */
    public Map<Integer, ConsumerRecord<byte[], byte[]>> lastOf(byte[] key, Duration timeout) {
        Map<Integer, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
        readUpToEnd(k -> Arrays.equals(key, k), timeout, r -> last.put(r.partition(), r));
        return last;
    }

    /**
     * Calls {@code each} with every record whose key {@code keys} accepts, each partition's in offset order, reading
     * from here up to the end offsets the topic has now (a compacted topic's tombstones included, their value null).
     *
     * @throws CommandFailure when reading up to the end offsets takes longer than {@code timeout}
     */
    public void readUpToEnd(Predicate<byte[]> keys, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> ends = endOffsets();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new CommandFailure("reading " + partitions.get(0).topic() + " up to its end offsets took longer than "
                        + timeout.toSeconds() + " s (is the broker overloaded?)");
            }
            for (ConsumerRecord<byte[], byte[]> r : poll(Duration.ofMillis(200))) {
                Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
                if (end != null && r.offset() < end && r.key() != null && keys.test(r.key())) each.accept(r);
            }
        }
    }

    /** Whether every partition has been read up to its current end offset. */
    public boolean atEnd() {
        Map<TopicPartition, Long> ends = endOffsets();
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
