package io.credence.schemas.serde;

import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.ModelSpec;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainerState;
import io.credence.avro.TrainingMetrics;

/** A Kafka serde per Credence top-level record type, over the shared codecs of {@link AvroCodecs}. */
public final class AvroSerdes {

    private AvroSerdes() {}

    /** Topic labeled-records. */
    public static AvroSerde<LabeledRecord> labeledRecord() { return new AvroSerde<>(AvroCodecs.labeledRecord()); }

    /** Topic feature-records. */
    public static AvroSerde<FeatureRecord> featureRecord() { return new AvroSerde<>(AvroCodecs.featureRecord()); }

    /** Topic predictions. */
    public static AvroSerde<Prediction> prediction() { return new AvroSerde<>(AvroCodecs.prediction()); }

    /** Topic posterior-snapshots. */
    public static AvroSerde<PosteriorSnapshot> posteriorSnapshot() { return new AvroSerde<>(AvroCodecs.posteriorSnapshot()); }

    /** Topics {@code <app>.dlq}. */
    public static AvroSerde<DeadLetter> deadLetter() { return new AvroSerde<>(AvroCodecs.deadLetter()); }

    /** The trainer's state store and its changelog. */
    public static AvroSerde<TrainerState> trainerState() { return new AvroSerde<>(AvroCodecs.trainerState()); }

    /** Topic model-specs. */
    public static AvroSerde<ModelSpec> modelSpec() { return new AvroSerde<>(AvroCodecs.modelSpec()); }

    /** Topic training-metrics. */
    public static AvroSerde<TrainingMetrics> trainingMetrics() { return new AvroSerde<>(AvroCodecs.trainingMetrics()); }
}
