package io.credence.trainer.topology;

import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.metrics.TrainerMetrics;
import io.credence.trainer.processor.Destination;
import io.credence.trainer.processor.Emission;
import io.credence.trainer.processor.LabeledRecordDecoder;
import io.credence.trainer.processor.LearnerProcessor;
import io.credence.trainer.processor.ModelPartitioning;
import io.credence.trainer.processor.ModelSpecDecoder;
import io.credence.trainer.processor.RehearsalBudget;
import io.credence.trainer.processor.TrainerCodecs;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;


/**
 * The trainer's topology, as a pure function of its topics, settings and meters (the app and the tests build it the
 * same way).
 *
 * <pre>
 * labeled-records (raw bytes) -> decode-labeled-records --+--> dead letters --> dlq
 * model-specs     (raw bytes) -> decode-model-specs     --+--> in place ----------------------------> learner
 *                                                         +--> elsewhere --> [by-model repartition] --> learner
 * learner (stores: learner, pending, replay) --> posterior-snapshots, training-metrics, dlq (spec-dependent checks)
 * </pre>
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
                .process(() -> new ModelSpecDecoder(metrics, partitioning, codecs), Named.as("decode-model-specs"));
        KStream<byte[], Emission> decoded = labeled.merge(specs, Named.as("decoded"));
        sink(decoded, Destination.DEAD_LETTERS, topics.deadLetters(), "decoder");

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.LEARNER_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.PENDING_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.REPLAY_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        KStream<byte[], Emission> toLearner = decoded.filter((modelId, e) -> e.goesTo(Destination.LEARNER), Named.as("in-place"));
        if (!partitioning.keyedOnly()) {
            KStream<byte[], Emission> moved = decoded
                    .filter((modelId, e) -> e.goesTo(Destination.BY_MODEL), Named.as("elsewhere"))
                    .mapValues(Emission::value, Named.as("by-model-bytes"))
                    .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(BY_MODEL)
                            .withNumberOfPartitions(partitioning.partitions()))
                    .mapValues(bytes -> new Emission(Destination.LEARNER, bytes), Named.as("moved"));
            toLearner = toLearner.merge(moved, Named.as("learner-input"));
        }
        RehearsalBudget rehearsal = new RehearsalBudget(settings.rehearsalCpuShare()); // one per instance, shared by its tasks
        KStream<byte[], Emission> learned = toLearner
                .process(() -> new LearnerProcessor(settings, metrics, rehearsal, codecs), Named.as("learner"),
                        LearnerProcessor.LEARNER_STORE, LearnerProcessor.PENDING_STORE, LearnerProcessor.REPLAY_STORE);
        sink(learned, Destination.SNAPSHOTS, topics.posteriorSnapshots(), "learner");
        sink(learned, Destination.METRICS, topics.trainingMetrics(), "learner");
        sink(learned, Destination.DEAD_LETTERS, topics.deadLetters(), "learner");
        return builder.build();
    }

    private static void sink(KStream<byte[], Emission> stream, Destination destination, String topic, String from) {
        String name = from + "-" + destination.name().toLowerCase().replace('_', '-');
        stream.filter((key, e) -> e.goesTo(destination), Named.as(name))
                .mapValues(Emission::value, Named.as(name + "-bytes"))
                .to(topic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-sink"));
    }
}
