package io.credence.trainer.topology;

import io.credence.schemas.parts.SnapshotKeys;
import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.metrics.TrainerMetrics;
import io.credence.trainer.processor.Emission;
import io.credence.trainer.processor.LabeledRecordDecoder;
import io.credence.trainer.processor.LearnerInput;
import io.credence.trainer.processor.LearnerInputSerde;
import io.credence.trainer.processor.LearnerProcessor;
import io.credence.trainer.processor.ModelPartitioning;
import io.credence.trainer.processor.ModelSpecDecoder;
import io.credence.trainer.processor.RehearsalBudget;
import io.credence.trainer.processor.TrainerCodecs;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;
import java.util.Optional;
import java.util.Set;


/**
 * The trainer's topology, as a pure function of its topics, settings and meters (the app and the tests build it the
 * same way).
 *
 * <pre>
 * labeled-records (raw bytes) -> decode-labeled-records --+--> dead letters --> dlq
 * model-specs     (raw bytes) -> decode-model-specs     --+--> in place (decoded) -------------------> learner
 *                                                         +--> elsewhere --> [by-model repartition] --> learner
 * learner (stores: learner, pending, replay) --> posterior-snapshots, training-metrics, dlq (spec-dependent checks)
 * </pre>
 *
 * A snapshot too large for one record goes out in parts, keyed by model id and part number, on the partition of its
 * model id ({@link SnapshotKeys}), so that a model's records stay in order.
 *
 * Both inputs are read as raw bytes, so an undecodable value is a dead letter rather than a deserialization error.
 * Every model is trained in one task: the task whose number is the partition Kafka's default partitioner gives its
 * model id. A record or spec that its producer keyed by model id with that partitioner is already there and goes
 * straight to the learner ({@link ModelPartitioning}); any other crosses the by-model repartition topic (as many
 * partitions as labeled-records, keyed by model id), which this same sub-topology reads, so a model's records and
 * specs meet in one task either way. Keying by model id thus saves writing and reading every record once more, the
 * trainer's largest cost after the math. With {@link ModelPartitioning#keyedOnly()} there is no repartition topic: a
 * record that is not in place is dead-lettered (WRONG_PARTITION), never trained by the wrong task.
 */
public final class TrainerTopology {

    /** Name of the repartition topic (prefixed by the application id, suffixed by -repartition). */
    public static final String BY_MODEL = "by-model";

    private TrainerTopology() {}

    /**
     * Adds the trainer to {@code builder} and returns the built topology.
     *
     * @param partitioning where a record is in place: labeled-records' partition count, and whether every record must be
     * @param codecs       how the topics' records are framed (single-object or a schema registry's wire format)
     */
    public static Topology build(StreamsBuilder builder, TrainerTopics topics, TrainerSettings settings, TrainerMetrics metrics,
                                 ModelPartitioning partitioning, TrainerCodecs codecs) {
        KStream<byte[], Emission> labeled = builder
                .stream(topics.labeledRecords(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("labeled-records"))
                .process(() -> new LabeledRecordDecoder(metrics, partitioning, codecs), Named.as("decode-labeled-records"));
        KStream<byte[], Emission> specs = builder
                .stream(topics.modelSpecs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("model-specs"))
                .process(() -> new ModelSpecDecoder(metrics, partitioning, codecs, settings.modelSize()), Named.as("decode-model-specs"));
        Map<String, KStream<byte[], Emission>> decoded = labeled.merge(specs, Named.as("decoded"))
                .split(Named.as("decoded-"))
                .branch((modelId, e) -> e instanceof Emission.ToDeadLetters, Branched.withConsumer(dead -> sink(dead, topics.deadLetters(), "decoder-dead-letters")))
                .branch((modelId, e) -> e instanceof Emission.ToLearner, Branched.as("in-place"))
                .branch((modelId, e) -> e instanceof Emission.ToByModel, Branched.as("elsewhere"))
                .noDefaultBranch();

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.LEARNER_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.PENDING_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.REPLAY_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        KStream<byte[], LearnerInput> toLearner = decoded.get("decoded-in-place")
                .mapValues(e -> ((Emission.ToLearner) e).input(), Named.as("in-place-input"));
        if (!partitioning.keyedOnly()) {
            KStream<byte[], LearnerInput> moved = decoded.get("decoded-elsewhere")
                    .mapValues(e -> ((Emission.ToByModel) e).input(), Named.as("by-model-input"))
                    .repartition(Repartitioned.with(Serdes.ByteArray(), new LearnerInputSerde(codecs)).withName(BY_MODEL)
                            .withNumberOfPartitions(partitioning.partitions()));
            toLearner = toLearner.merge(moved, Named.as("learner-input"));
        }
        RehearsalBudget rehearsal = new RehearsalBudget(settings.rehearsalCpuShare()); // one per instance, shared by its tasks
        toLearner.process(() -> new LearnerProcessor(settings, metrics, rehearsal, codecs), Named.as("learner"),
                        LearnerProcessor.LEARNER_STORE, LearnerProcessor.PENDING_STORE, LearnerProcessor.REPLAY_STORE)
                .split(Named.as("learner-"))
                .branch((modelId, e) -> e instanceof Emission.ToSnapshots, Branched.withConsumer(s -> s
                        .mapValues(Emission::value, Named.as("learner-snapshots-bytes"))
                        .to(topics.posteriorSnapshots(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withStreamPartitioner(TrainerTopology::snapshotPartition).withName("learner-snapshots-sink"))))
                .branch((modelId, e) -> e instanceof Emission.ToMetrics, Branched.withConsumer(m -> sink(m, topics.trainingMetrics(), "learner-metrics")))
                .branch((modelId, e) -> e instanceof Emission.ToDeadLetters, Branched.withConsumer(dead -> sink(dead, topics.deadLetters(), "learner-dead-letters")))
                .noDefaultBranch();
        return builder.build();
    }

    /** A snapshot's records, in one piece or in parts, on the partition of their model id ({@link SnapshotKeys}). */
    private static Optional<Set<Integer>> snapshotPartition(String topic, byte[] key, byte[] value, int partitions) {
        return Optional.of(Set.of(SnapshotKeys.partition(key, partitions)));
    }

    private static void sink(KStream<byte[], Emission> stream, String topic, String name) {
        stream.mapValues(Emission::value, Named.as(name + "-bytes"))
                .to(topic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-sink"));
    }
}
