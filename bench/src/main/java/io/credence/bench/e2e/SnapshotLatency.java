package io.credence.bench.e2e;

import io.credence.avro.Prediction;
import io.credence.kit.PacedFeeder;
import io.credence.kit.RecordFeed;
import io.credence.kit.TopicTail;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Snapshot publish to first use: while feature records for one model stream into a running scorer at a fixed rate,
 * publish a new snapshot version and time until the first prediction carrying that version is visible downstream.
 * Covers the publish, the scorer's global-table read, decoding and loading the predictor, the micro-batch linger and
 * the commit of the prediction.
 */
public final class SnapshotLatency {
    /** Feature records per second streamed while the versions change. */
    public static final double FEED_RATE = 200;

    private final E2eContext context;

    public SnapshotLatency(E2eContext context) {
        this.context = context;
    }

    /**
     * Publishes versions {@code firstVersion}, {@code firstVersion + 1}... of model {@code modelId}, {@code swaps} of
     * them, each once the previous one has been seen in a prediction, and returns the publish-to-first-use latencies,
     * ms, in publishing order.
     *
     * @param pipeline      the topics of the running scorer
     * @param readCommitted whether the scorer runs exactly-once
     */
    public double[] measure(Pipeline pipeline, String modelId, TrainedPosterior posterior, long firstVersion, int swaps,
                             boolean readCommitted) throws InterruptedException {
        FirstSeen seen = new FirstSeen(modelId);
        double[] millis = new double[swaps];
        RowSource rows = new RowSource(TrainerThroughput.FEATURES, context.seed() + 1);
        try (InputFeed snapshots = new InputFeed(context.bootstrap());
             RecordFeed feed = new RecordFeed(context.bootstrap());
             TopicTail tail = new TopicTail(context.bootstrap(), pipeline.topics().predictions(), readCommitted, seen);
             PacedFeeder feeder = PacedFeeder.atRate("snapshot-latency-feed", FEED_RATE, i -> feed.send(pipeline.topics().featureRecords(),
                     "s" + i, InputFeed.feature(modelId, "s" + i, rows, System.currentTimeMillis())))) {
            for (int k = 0; k < swaps; k++) {
                long version = firstVersion + k;
                var snapshot = posterior.snapshot(modelId, version);
                long t0 = System.nanoTime();
                snapshots.snapshot(pipeline.topics().posteriorSnapshots(), snapshot);
                long t1 = seen.await(version, context.timeout(), tail, feeder);
                millis[k] = (t1 - t0) / 1e6;
            }
        }
        return millis;
    }

    /** First moment each version of one model appeared in a visible prediction. */
    private static final class FirstSeen implements TopicTail.Handler {
        private final String modelId;
        private final Map<Long, Long> firstNanos = new HashMap<>();

        FirstSeen(String modelId) {
            this.modelId = modelId;
        }

        @Override
        public synchronized void accept(ConsumerRecord<byte[], byte[]> record, long observedNanos) {
            Prediction p;
            try {
                p = AvroCodecs.prediction().decode(record.value());
            } catch (DecodeException e) {
                throw new IllegalStateException("a prediction does not decode: " + e.getMessage(), e);
            }
            if (p.getModelId().equals(modelId)) {
                firstNanos.putIfAbsent(p.getModelVersion(), observedNanos);
                notifyAll();
            }
        }

        synchronized long await(long version, Duration timeout, TopicTail tail, PacedFeeder feeder) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!firstNanos.containsKey(version)) {
                tail.check();
                feeder.check();
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IllegalStateException("no prediction with version " + version + " within " + timeout);
                wait(Math.max(1, Math.min(left / 1_000_000, 500)));
            }
            return firstNanos.get(version);
        }
    }
}
