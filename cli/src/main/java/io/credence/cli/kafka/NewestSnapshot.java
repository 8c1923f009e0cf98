package io.credence.cli.kafka;

import io.credence.schemas.serde.WireFormat;
import io.credence.avro.PosteriorSnapshot;
import io.credence.cli.CommandFailure;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The newest posterior snapshot of one model in a compacted snapshot topic (key = model id): every partition read from
 * the start up to the end offsets it had when the lookup began, keeping per partition the last record with that key
 * (a tombstone deletes it), then the highest version among partitions.
 */
public final class NewestSnapshot {

    private NewestSnapshot() {}

    /**
     * The newest snapshot of {@code model} in {@code topic}, or empty when the topic holds none.
     *
     * @param format  how the topic's records are framed
     * @param timeout how long reading up to the end offsets may take
     * @throws CommandFailure when the topic does not exist, the broker does not answer, reading takes longer than
     *                        {@code timeout}, or the newest snapshot does not decode
     */
    public static Optional<PosteriorSnapshot> of(Map<String, Object> settings, WireFormat format, String topic, String model,
                                                 Duration timeout) {
        Map<Integer, ConsumerRecord<byte[], byte[]>> last;
        try (TopicReader reader = new TopicReader(settings, topic)) {
            last = reader.lastOf(model.getBytes(StandardCharsets.UTF_8), timeout);
        }
        PosteriorSnapshot newest = null;
        for (ConsumerRecord<byte[], byte[]> r : last.values()) {
            if (r.value() == null) continue; // a tombstone: the model was deleted
            PosteriorSnapshot s;
            try {
                s = format.decode(topic, AvroCodecs.posteriorSnapshot(), r.value());
            } catch (DecodeException e) {
                throw new CommandFailure("cannot decode the snapshot of model " + model + " at " + r.topic() + "-"
                        + r.partition() + "@" + r.offset() + ": " + e.errorClass() + ": " + e.getMessage(), e);
            }
            if (newest == null || s.getVersion() > newest.getVersion()) newest = s;
        }
        return Optional.ofNullable(newest);
    }
}
