package io.credence.system.harness;

import io.credence.kit.TopicLog;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Whether a topic holds records of a transaction that is still open: some partition's high watermark lies beyond its
 * last stable offset. A process killed at such a moment dies in the middle of a transaction, and its records there
 * must be aborted, never read under read_committed.
 */
public final class OpenTransactions implements AutoCloseable {

    private final TopicLog committed;
    private final TopicLog uncommitted;

    /** A watch on {@code topic}. */
    public OpenTransactions(String bootstrapServers, String topic) {
        this.committed = TopicLog.committed(bootstrapServers, topic);
        this.uncommitted = TopicLog.uncommitted(bootstrapServers, topic);
    }

    /** Whether some partition has uncommitted records of an open transaction right now. */
    public boolean open() {
        Map<TopicPartition, Long> stable = committed.endOffsets();
        Map<TopicPartition, Long> high = uncommitted.endOffsets();
        return high.entrySet().stream().anyMatch(e -> e.getValue() > stable.getOrDefault(e.getKey(), 0L));
    }

    @Override
    public void close() {
        committed.close();
        uncommitted.close();
    }
}
