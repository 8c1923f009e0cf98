package io.credence.scorer.topology;

import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;
import io.credence.scorer.config.ScorerSettings;
import io.credence.scorer.config.ScorerTopics;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.processor.ScorerOutput;
import io.credence.scorer.processor.ScoringProcessor;
import io.credence.scorer.processor.SnapshotLoader;
import io.credence.scorer.scoring.PredictorCache;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer's Kafka Streams topology, a pure function of its arguments that the Micronaut factory and the tests both
 * call:
 * <pre>
 * posterior-snapshots --(global store, SnapshotLoader)--&gt; PredictorCache
 * feature-records (raw bytes) --&gt; score (ScoringProcessor + pending store) --+--&gt; predictions  (Prediction)
 *                                                                             +--&gt; stream-scorer.dlq (DeadLetter)
 * </pre>
 */
public final class ScorerTopology {

    private ScorerTopology() {}

    /**
     * Adds the scorer's stores, processors, sources and sinks to {@code builder}, reading and writing the topics' records
     * in {@code format}.
     */
    public static void build(StreamsBuilder builder, ScorerTopics topics, ScorerSettings settings, PredictorCache cache,
                             ScorerMetrics metrics, WireFormat format) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SnapshotLoader.SNAPSHOT_STORE), Serdes.ByteArray(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                topics.posteriorSnapshots(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("posterior-snapshots"),
                () -> new SnapshotLoader(format.on(topics.posteriorSnapshots(), AvroCodecs.posteriorSnapshot()), cache, metrics));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ScoringProcessor.PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray()));

        KStream<byte[], ScorerOutput> outputs = builder
                .stream(topics.featureRecords(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("feature-records"))
                .process(() -> new ScoringProcessor(format.on(topics.featureRecords(), AvroCodecs.featureRecord()), settings, cache, metrics), Named.as("score"), ScoringProcessor.PENDING_STORE);
        outputs.split(Named.as("route-"))
                .branch((key, out) -> out instanceof ScorerOutput.Scored, Branched.withConsumer(scored -> scored
                        .mapValues(out -> ((ScorerOutput.Scored) out).prediction(), Named.as("prediction"))
                        .to(topics.predictions(), Produced.with(Serdes.ByteArray(), format.on(topics.predictions(), AvroCodecs.prediction()).prepared().serde()).withName("predictions")),
                        "scored"))
                .defaultBranch(Branched.withConsumer(dead -> dead
                        .mapValues(out -> ((ScorerOutput.Dead) out).letter(), Named.as("dead-letter"))
                        .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), format.on(topics.deadLetters(), AvroCodecs.deadLetter()).prepared().serde()).withName("dead-letters")),
                        "dead"));
    }
}
