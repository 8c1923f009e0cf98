package io.credence.trainer.processor;

import io.credence.avro.DeadLetter;
import io.credence.avro.LabeledRecord;
import io.credence.avro.ModelSpec;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainingMetrics;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.TopicCodec;
import io.credence.schemas.serde.WireFormat;
import io.credence.trainer.config.TrainerTopics;

/**
 * The trainer's topics in its wire format ({@code credence.serde}): how each processor reads its input and writes its
 * output. The state stores and the by-model topic keep the input's own bytes, so a dead letter carries what its
 * producer sent.
 */
public record TrainerCodecs(TopicCodec<LabeledRecord> labeledRecords, TopicCodec<ModelSpec> modelSpecs,
                            TopicCodec<PosteriorSnapshot> posteriorSnapshots, TopicCodec<TrainingMetrics> trainingMetrics,
                            TopicCodec<DeadLetter> deadLetters) {

    /** The codecs of {@code topics} in {@code format}. */
    public static TrainerCodecs of(TrainerTopics topics, WireFormat format) {
        return new TrainerCodecs(format.on(topics.labeledRecords(), AvroCodecs.labeledRecord()),
                format.on(topics.modelSpecs(), AvroCodecs.modelSpec()),
                format.on(topics.posteriorSnapshots(), AvroCodecs.posteriorSnapshot()),
                format.on(topics.trainingMetrics(), AvroCodecs.trainingMetrics()),
                format.on(topics.deadLetters(), AvroCodecs.deadLetter()));
    }

    /** Readies the outputs (with a registry: their schemas registered or looked up), so a refusal fails at start-up. */
    public TrainerCodecs prepared() {
        posteriorSnapshots.prepared();
        trainingMetrics.prepared();
        deadLetters.prepared();
        return this;
    }

    /** The framing of every topic above. */
    public WireFormat format() {
        return labeledRecords.format();
    }
}
