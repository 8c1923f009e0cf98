package io.credence.cli.demo;

import io.credence.schemas.serde.WireFormat;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainingMetrics;
import io.credence.cli.kafka.TopicReader;
import io.credence.kit.AppOutput;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.serde.AvroCodecs;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the trainer's outputs from the start of the topics: every training-metrics record (the prequential metrics
 * over time) and every posterior snapshot (how many, and the newest per model with the records it has seen), a snapshot
 * published in parts counted once it is whole.
 */
final class TrainingWatch implements AutoCloseable {

    private final WireFormat format;
    private final TopicReader metricsReader;
    private final TopicReader snapshotReader;
    private final SnapshotAssembler snapshotParts;
    private final Map<String, List<TrainingMetrics>> history = new HashMap<>();
    private final Map<String, PosteriorSnapshot> newestSnapshot = new HashMap<>();
    private final Map<String, Long> snapshots = new HashMap<>();

    TrainingWatch(Map<String, Object> settings, WireFormat format) {
        this.format = format;
        this.metricsReader = new TopicReader(settings, "training-metrics");
        this.snapshotReader = new TopicReader(settings, "posterior-snapshots");
        this.snapshotParts = new SnapshotAssembler(format.on("posterior-snapshots", AvroCodecs.posteriorSnapshot()));
    }

    /** Reads whatever has arrived, waiting at most {@code timeout} on each topic. */
    void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : metricsReader.poll(timeout)) {
            TrainingMetrics m = AppOutput.decode(r, () -> format.decode(r.topic(), AvroCodecs.trainingMetrics(), r.value()));
            history.computeIfAbsent(m.getModelId(), k -> new ArrayList<>()).add(m);
        }
        for (ConsumerRecord<byte[], byte[]> r : snapshotReader.poll(Duration.ZERO)) {
            if (r.value() == null) continue; // a tombstone deletes a model; the demo deletes none
            Optional<SnapshotAssembler.Whole> whole = AppOutput.decode(r, () -> snapshotParts.accept(r.value()));
            if (whole.isEmpty()) continue; // a part of a snapshot not yet whole
            PosteriorSnapshot s = whole.get().snapshot();
            snapshots.merge(s.getModelId(), 1L, Long::sum);
            PosteriorSnapshot old = newestSnapshot.get(s.getModelId());
            if (old == null || s.getVersion() > old.getVersion()) newestSnapshot.put(s.getModelId(), s);
        }
    }

    /** Records of {@code model} trained on so far, by its newest training metrics (0 before the first update). */
    long recordsTrained(String model) {
        List<TrainingMetrics> h = history.get(model);
        return h == null || h.isEmpty() ? 0 : h.get(h.size() - 1).getRecordsSeen();
    }

    /** The newest snapshot of {@code model}, or null. */
    PosteriorSnapshot newest(String model) {
        return newestSnapshot.get(model);
    }

    /** Snapshots of {@code models} read so far. */
    long snapshots(String... models) {
        long n = 0;
        for (String model : models) n += snapshots.getOrDefault(model, 0L);
        return n;
    }

    /** Every training-metrics record of {@code model}, in order. */
    List<TrainingMetrics> history(String model) {
        return List.copyOf(history.getOrDefault(model, List.of()));
    }

    @Override
    public void close() {
        metricsReader.close();
        snapshotReader.close();
    }
}
