package io.credence.bench.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backlog of a consumer group (a Kafka Streams app's application id): for every partition it has committed an
 * offset on, the log-end offset minus that offset, summed. Internal repartition topics count, so a trainer's lag is
 * everything read from its inputs but not yet learned and committed. Under exactly-once the transaction markers make it
 * at least a few records even when the app is idle.
 */
public final class ConsumerLag {
    private ConsumerLag() {}

    /** Records behind, over every partition of {@code group}; 0 before its first commit. */
    public static long of(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            committed.keySet().forEach(tp -> ask.put(tp, OffsetSpec.latest()));
            if (ask.isEmpty()) return 0;
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(ask).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() == null) continue; // a partition with no commit yet
                lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of group " + group + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the lag of group " + group, e);
        }
    }
}
