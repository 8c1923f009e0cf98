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
        return AvroCodecs.labeledRecord().encode(LabeledRecord.newBuilder()
                .setModelId(modelId)
                .setFeatures(Arrays.stream(features).boxed().toList())
                .setLabel(label)
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

    public static TrainingMetrics metrics(byte[] bytes) {
        return decode(AvroCodecs.trainingMetrics(), bytes);
    }

    /** The bytes of a ByteBuffer field. */
    public static byte[] bytes(java.nio.ByteBuffer buffer) {
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
