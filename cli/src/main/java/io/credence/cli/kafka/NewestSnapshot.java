package io.credence.cli.kafka;

import io.credence.avro.PosteriorSnapshot;
import io.credence.cli.CommandFailure;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest posterior snapshot of one model in a compacted snapshot topic (key = model id): every partition read from
 * the start up to the end offsets it had when the lookup began, keeping per partition the last record with that key
 * (a tombstone deletes it), then the highest version among partitions.
 */
public final class NewestSnapshot {

    private static final Duration POLL = Duration.ofMillis(200);

    private NewestSnapshot() {}

    /**
     * The newest snapshot of {@code model} in {@code topic}, or empty when the topic holds none.
     *
     * @param timeout how long reading up to the end offsets may take
     * @throws CommandFailure when the topic does not exist, the broker does not answer, reading takes longer than
     *                        {@code timeout}, or the newest snapshot does not decode
     */
    public static Optional<PosteriorSnapshot> of(Map<String, Object> settings, String topic, String model, Duration timeout) {
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        Map<Integer, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
        try (TopicReader reader = new TopicReader(settings, topic)) {
            Map<TopicPartition, Long> ends = reader.endOffsets();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reader.reached(ends)) {
                if (System.nanoTime() > deadline) {
                    throw new CommandFailure("reading " + topic + " up to its end offsets took longer than "
                            + timeout.toSeconds() + " s (is the broker at " + settings.get("bootstrap.servers") + " overloaded?)");
                }
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(POLL)) {
                    Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
                    if (end == null || r.offset() >= end || !Arrays.equals(key, r.key())) continue;
                    last.put(r.partition(), r);
                }
            }
        }
        PosteriorSnapshot newest = null;
        for (ConsumerRecord<byte[], byte[]> r : last.values()) {
            if (r.value() == null) continue; // a tombstone: the model was deleted
            PosteriorSnapshot s;
            try {
                s = AvroCodecs.posteriorSnapshot().decode(r.value());
            } catch (DecodeException e) {
                throw new CommandFailure("cannot decode the snapshot of model " + model + " at " + r.topic() + "-"
                        + r.partition() + "@" + r.offset() + ": " + e.errorClass() + ": " + e.getMessage(), e);
            }
            if (newest == null || s.getVersion() > newest.getVersion()) newest = s;
        }
        return Optional.ofNullable(newest);
    }
}
