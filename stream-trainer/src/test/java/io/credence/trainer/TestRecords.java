package io.credence.trainer;

import io.credence.avro.DeadLetter;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Encodes and decodes the trainer's topic values for tests. */
public final class TestRecords {

    private TestRecords() {}

    /** A labeled record's single-object bytes. */
    public static byte[] labeled(String modelId, double[] features, double label) {
        return labeled(modelId, features, label, null);
    }

    /** A weighted labeled record's single-object bytes ({@code weight} null: unweighted). */
    public static byte[] labeled(String modelId, double[] features, double label, Double weight) {
        return AvroCodecs.labeledRecord().encode(LabeledRecord.newBuilder()
                .setModelId(modelId)
                .setFeatures(Arrays.stream(features).boxed().toList())
                .setLabel(label)
                .setWeight(weight)
                .setEventTime(Instant.ofEpochMilli(0))
                .build());
    }

    /** A spec's single-object bytes, every field explicit. */
    public static byte[] spec(ModelSpec spec) {
        return AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec));
    }

    public static DeadLetter deadLetter(byte[] bytes) {
        return decode(AvroCodecs.deadLetter(), bytes);
    }

    public static PosteriorSnapshot snapshot(byte[] bytes) {
        return decode(AvroCodecs.posteriorSnapshot(), bytes);
    }

    public static io.credence.avro.TrainerState trainerState(byte[] bytes) {
        return decode(AvroCodecs.trainerState(), bytes);
    }

    public static TrainingMetrics metrics(byte[] bytes) {
        return decode(AvroCodecs.trainingMetrics(), bytes);
    }

    /** The training metrics among {@code records}, in the order read. */
    public static List<TrainingMetrics> metrics(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> metrics(r.value())).toList();
    }

    /** The snapshots among {@code records}, in the order read. */
    public static List<PosteriorSnapshot> snapshots(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> snapshot(r.value())).toList();
    }

    /** Whether {@code records} hold a training-metrics record of {@code modelId} with at least {@code recordsSeen}. */
    public static boolean trained(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records,
                                  String modelId, long recordsSeen) {
        return metrics(records).stream().anyMatch(m -> m.getModelId().equals(modelId) && m.getRecordsSeen() >= recordsSeen);
    }

    /** The bytes of a ByteBuffer field, or null for null. */
    public static byte[] bytes(java.nio.ByteBuffer buffer) {
        if (buffer == null) return null;
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** Every layer's weight and bias means and rhos of a snapshot, concatenated as raw tensor bytes. */
    public static List<byte[]> parameters(PosteriorSnapshot s) {
        return s.getLayers().stream().flatMap(l -> java.util.stream.Stream.of(l.getWeightMu(), l.getWeightRho(),
                l.getBiasMu(), l.getBiasRho())).map(t -> bytes(t.getValues())).toList();
    }

    private static <T extends SpecificRecord> T decode(AvroCodec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (DecodeException e) {
            throw new AssertionError("output does not decode as " + codec.type().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
