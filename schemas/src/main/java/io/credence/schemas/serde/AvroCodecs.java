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
 * The shared codec of every Credence top-level record type, and the one place where older schema versions are
 * registered.
 *
 * <p>When a top-level schema changes (only in Avro-compatible ways: add a field with a default, remove one that had a
 * default), save its previous version as {@link OlderSchemas} describes (the generated class's {@code SCHEMA$} as built
 * before the change) and pass it to that type's {@link AvroCodec#of} (or {@code withReader}), so that records already
 * in topics and state stores keep decoding, and update its reader in {@link RecordBodies} if it has one. The committed
 * snapshot fixture tests (v1 to v5) fail with WRONG_SCHEMA until that is done for PosteriorSnapshot.
 */
public final class AvroCodecs {

    private static final AvroCodec<LabeledRecord> LABELED_RECORD = AvroCodec.withReader(LabeledRecord.class, RecordBodies.LABELED_RECORD);
    /** Older version: before includeDraws. */
    private static final AvroCodec<FeatureRecord> FEATURE_RECORD = AvroCodec.withReader(FeatureRecord.class, RecordBodies.FEATURE_RECORD,
            OlderSchemas.load("FeatureRecord", "f8c882d44bb20d4c"));
    /** Older version: before draws. */
    private static final AvroCodec<Prediction> PREDICTION = AvroCodec.of(Prediction.class,
            OlderSchemas.load("Prediction", "47718f8f1453e274"));
    /**
     * Older versions: before logVarianceFloor; before the noise's degreesOfFreedom; before the optimizer's
     * averagingDecay; before the spec's replay; before the spec's fromWeights; before part.
     */
    private static final AvroCodec<PosteriorSnapshot> POSTERIOR_SNAPSHOT = AvroCodec.of(PosteriorSnapshot.class,
            OlderSchemas.load("PosteriorSnapshot", "d35030a96c439f68"), OlderSchemas.load("PosteriorSnapshot", "f369b72bf133ee51"),
            OlderSchemas.load("PosteriorSnapshot", "2f2a33ada03abd26"), OlderSchemas.load("PosteriorSnapshot", "18bb94946ab849a4"),
            OlderSchemas.load("PosteriorSnapshot", "75e0209cddfbea98"), OlderSchemas.load("PosteriorSnapshot", "031a14434d4fefed"));
    private static final AvroCodec<DeadLetter> DEAD_LETTER = AvroCodec.of(DeadLetter.class);
    /**
     * Older versions: before its posterior gained logVarianceFloor; before the noise's degreesOfFreedom; before the
     * spec's averagingDecay and the state's averageParameters; before the spec's replay and the state's replayCredit;
     * before the spec's fromWeights; before its posterior gained part.
     */
    private static final AvroCodec<TrainerState> TRAINER_STATE = AvroCodec.of(TrainerState.class,
            OlderSchemas.load("TrainerState", "25cd0de056e6bd58"), OlderSchemas.load("TrainerState", "d93656f0487ccd50"),
            OlderSchemas.load("TrainerState", "8bd039130fdf1252"), OlderSchemas.load("TrainerState", "8f23121f4ae5e4dd"),
            OlderSchemas.load("TrainerState", "1c1fd4710d5d3046"), OlderSchemas.load("TrainerState", "6ecc88bfda6f54cf"));
    private static final AvroCodec<TrainerStateParts> TRAINER_STATE_PARTS = AvroCodec.of(TrainerStateParts.class);
    /**
     * Older versions: before the noise's degreesOfFreedom; before the optimizer's averagingDecay; before replay;
     * before fromWeights.
     */
    private static final AvroCodec<ModelSpec> MODEL_SPEC = AvroCodec.of(ModelSpec.class,
            OlderSchemas.load("ModelSpec", "1ff15a2df49aeb9c"), OlderSchemas.load("ModelSpec", "8945d3ff3b5f366b"),
            OlderSchemas.load("ModelSpec", "f36ca330317dfd0c"), OlderSchemas.load("ModelSpec", "0cd450d242cc035d"));
    private static final AvroCodec<TrainingMetrics> TRAINING_METRICS = AvroCodec.of(TrainingMetrics.class);

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

    private static Map<Long, Class<? extends SpecificRecord>> byFingerprint() {
        Map<Long, Class<? extends SpecificRecord>> types = new HashMap<>();
        for (AvroCodec<?> codec : ALL) {
            for (Schema version : codec.history()) types.put(SchemaFingerprint.of(version), codec.type());
        }
        return Map.copyOf(types);
    }
}
