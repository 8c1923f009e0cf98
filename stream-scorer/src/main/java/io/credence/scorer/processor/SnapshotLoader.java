package io.credence.scorer.processor;

import io.credence.avro.PosteriorSnapshot;
import io.credence.bnn.model.Posterior;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.parts.SnapshotKeys;
import io.credence.schemas.serde.TopicCodec;
import io.credence.schemas.serde.DecodeException;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.LoadedModel;
import io.credence.scorer.scoring.PredictorCache;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Maintains the global snapshot table: every posterior snapshot (keyed by model id) is decoded once, here on the
 * global stream thread, into the {@link PredictorCache}, so a new version is in use as soon as it is read. A snapshot
 * published in parts is assembled first ({@link SnapshotAssembler}) and swapped in once whole; until then the previous
 * version stays in use. Runs for restored records too, which is how the cache is refilled at start-up. A snapshot that
 * cannot be decoded or assembled is logged and counted, and the previous version stays in use; a tombstone under a
 * model id removes the model (a tombstone under a part's key changes nothing in use).
 */
public final class SnapshotLoader implements Processor<byte[], byte[], Void, Void> {
    /**
     * Global store of the newest snapshot bytes per model (a snapshot in parts as the one record its parts make). In
     * memory on purpose: it is rebuilt from the topic at every start, and that replay is what refills the
     * {@link PredictorCache}.
     */
    public static final String SNAPSHOT_STORE = "posterior-snapshots-store";
    private static final Logger log = LoggerFactory.getLogger(SnapshotLoader.class);

    private final SnapshotAssembler assembler;
    private final PredictorCache cache;
    private final ScorerMetrics metrics;
    private KeyValueStore<byte[], byte[]> snapshots;

    /** A loader of the snapshots {@code codec} reads into {@code cache}. */
    public SnapshotLoader(TopicCodec<PosteriorSnapshot> codec, PredictorCache cache, ScorerMetrics metrics) {
        this.assembler = new SnapshotAssembler(codec);
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        snapshots = context.getStateStore(SNAPSHOT_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null && !SnapshotKeys.isPart(record.key())) {
                String modelId = SnapshotKeys.modelId(record.key());
                assembler.forget(modelId);
                snapshots.delete(record.key());
                cache.remove(modelId);
                log.info("model {}: snapshot deleted, model no longer served", modelId);
            }
            return;
        }
        Optional<SnapshotAssembler.Whole> whole;
        try {
            whole = assembler.accept(record.value());
        } catch (DecodeException e) {
            reject(e.errorClass(), e);
            return;
        }
        if (whole.isEmpty()) return; // a part: the rest of its snapshot is yet to come
        PosteriorSnapshot snapshot = whole.get().snapshot();
        LoadedModel loaded;
        try {
            Posterior posterior = PosteriorCodec.toCore(snapshot);
            loaded = cache.load(snapshot.getModelId(), snapshot.getVersion(), posterior, snapshot.getCreatedAt());
        } catch (IllegalArgumentException e) {
            reject("INVALID_SNAPSHOT", e);
            return;
        }
        snapshots.put(SnapshotKeys.of(loaded.modelId()), whole.get().bytes());
        metrics.trackSnapshotAge(loaded.modelId());
        log.info("model {}: version {} in use, {} ms after publication", loaded.modelId(), loaded.version(),
                Duration.between(loaded.createdAt(), loaded.loadedAt()).toMillis());
    }

    private void reject(String reason, Exception e) {
        metrics.snapshotRejected(reason);
        log.error("posterior snapshot rejected ({}), the previous version of its model stays in use: {}", reason, e.getMessage(), e);
    }
}
