package io.credence.schemas.serde;

import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.ModelSpec;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainerState;
import io.credence.avro.TrainerStateParts;
import io.credence.avro.TrainingMetrics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shared codec of every Credence top-level record type, each reading every version of its schema in the
 * {@link SchemaHistory}.
 */
public final class AvroCodecs {

    private static final AvroCodec<LabeledRecord> LABELED_RECORD = AvroCodec.withReader(LabeledRecord.class, RecordBodies.LABELED_RECORD,
            SchemaHistory.olderThan(LabeledRecord.getClassSchema()));
    private static final AvroCodec<FeatureRecord> FEATURE_RECORD = AvroCodec.withReader(FeatureRecord.class, RecordBodies.FEATURE_RECORD,
            SchemaHistory.olderThan(FeatureRecord.getClassSchema()));
    private static final AvroCodec<Prediction> PREDICTION = of(Prediction.class, Prediction.getClassSchema());
    private static final AvroCodec<PosteriorSnapshot> POSTERIOR_SNAPSHOT = of(PosteriorSnapshot.class, PosteriorSnapshot.getClassSchema());
    private static final AvroCodec<DeadLetter> DEAD_LETTER = of(DeadLetter.class, DeadLetter.getClassSchema());
    private static final AvroCodec<TrainerState> TRAINER_STATE = of(TrainerState.class, TrainerState.getClassSchema());
    private static final AvroCodec<TrainerStateParts> TRAINER_STATE_PARTS = of(TrainerStateParts.class, TrainerStateParts.getClassSchema());
    private static final AvroCodec<ModelSpec> MODEL_SPEC = of(ModelSpec.class, ModelSpec.getClassSchema());
    private static final AvroCodec<TrainingMetrics> TRAINING_METRICS = of(TrainingMetrics.class, TrainingMetrics.getClassSchema());

    private static final List<AvroCodec<?>> ALL = List.of(LABELED_RECORD, FEATURE_RECORD, PREDICTION,
            POSTERIOR_SNAPSHOT, DEAD_LETTER, TRAINER_STATE, TRAINER_STATE_PARTS, MODEL_SPEC, TRAINING_METRICS);
    /** The record type of every schema version above, by fingerprint: one lookup per payload to tell types apart. */
    private static final Map<Long, Class<? extends SpecificRecord>> BY_FINGERPRINT = byFingerprint();
    /** The record type by full schema name (io.credence.avro.LabeledRecord), whatever its version. */
    private static final Map<String, Class<? extends SpecificRecord>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(c -> c.schema().getFullName(), AvroCodec::type));

    private AvroCodecs() {}

    /** Topic labeled-records. */
    public static AvroCodec<LabeledRecord> labeledRecord() { return LABELED_RECORD; }

    /** Topic feature-records. */
    public static AvroCodec<FeatureRecord> featureRecord() { return FEATURE_RECORD; }

    /** Topic predictions. */
    public static AvroCodec<Prediction> prediction() { return PREDICTION; }

    /** Topic posterior-snapshots. */
    public static AvroCodec<PosteriorSnapshot> posteriorSnapshot() { return POSTERIOR_SNAPSHOT; }

    /** Topics {@code <app>.dlq}. */
    public static AvroCodec<DeadLetter> deadLetter() { return DEAD_LETTER; }

    /** The trainer's state store and its changelog. */
    public static AvroCodec<TrainerState> trainerState() { return TRAINER_STATE; }

    /** The trainer's state store and its changelog: where the parts of a large TrainerState are. */
    public static AvroCodec<TrainerStateParts> trainerStateParts() { return TRAINER_STATE_PARTS; }

    /** Topic model-specs. */
    public static AvroCodec<ModelSpec> modelSpec() { return MODEL_SPEC; }

    /** Topic training-metrics. */
    public static AvroCodec<TrainingMetrics> trainingMetrics() { return TRAINING_METRICS; }

    /** Every codec above. */
    public static List<AvroCodec<?>> all() { return ALL; }

    /** The record type with a current or older schema of this fingerprint, or empty. */
    public static Optional<Class<? extends SpecificRecord>> typeOf(long fingerprint) {
        return Optional.ofNullable(BY_FINGERPRINT.get(fingerprint));
    }

    /** The record type whose schema has this full name (any version), or empty. */
    public static Optional<Class<? extends SpecificRecord>> typeNamed(String fullName) {
        return Optional.ofNullable(BY_NAME.get(fullName));
    }

    private static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema current) {
        return AvroCodec.of(type, SchemaHistory.olderThan(current));
    }

    private static Map<Long, Class<? extends SpecificRecord>> byFingerprint() {
        Map<Long, Class<? extends SpecificRecord>> types = new HashMap<>();
        for (AvroCodec<?> codec : ALL) {
            for (Schema version : codec.history()) types.put(SchemaFingerprint.of(version), codec.type());
        }
        return Map.copyOf(types);
    }
}
