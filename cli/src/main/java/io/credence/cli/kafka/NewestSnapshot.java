package io.credence.cli.kafka;

import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.parts.SnapshotKeys;
import io.credence.schemas.serde.WireFormat;
import io.credence.avro.PosteriorSnapshot;
import io.credence.cli.CommandFailure;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest posterior snapshot of one model in a compacted snapshot topic: every partition read from the start up to
 * the end offsets it had when the lookup began, its records under the model id (and, for a snapshot published in
 * parts, under its parts' keys) assembled in offset order, keeping per partition the last whole snapshot (a tombstone
 * under the model id deletes it), then the highest version among partitions.
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
        Map<Integer, SnapshotAssembler> assemblers = new HashMap<>();
        Map<Integer, PosteriorSnapshot> last = new HashMap<>();
        try (TopicReader reader = new TopicReader(settings, topic)) {
            reader.readUpToEnd(key -> SnapshotKeys.isOf(key, model), timeout, r -> {
                if (r.value() == null) {
                    if (!SnapshotKeys.isPart(r.key())) last.remove(r.partition()); // a tombstone: the model was deleted
                    return;
                }
                try {
                    assemblers.computeIfAbsent(r.partition(), p -> new SnapshotAssembler(format.on(topic, AvroCodecs.posteriorSnapshot())))
                            .accept(r.value()).ifPresent(whole -> last.put(r.partition(), whole.snapshot()));
                } catch (DecodeException e) {
                    throw new CommandFailure("cannot decode the snapshot of model " + model + " at " + r.topic() + "-"
                            + r.partition() + "@" + r.offset() + ": " + e.errorClass() + ": " + e.getMessage(), e);
                }
            });
        }
        return last.values().stream().max(Comparator.comparingLong(PosteriorSnapshot::getVersion));
    }
}
