package io.credence.system.harness;

import io.credence.avro.DeadLetter;
import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.WireFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The apps' wire format for tests: single-object Avro bytes of the inputs, and decoded outputs. */
public final class Wire {

    private Wire() {}

    /** A labeled record's bytes. */
    public static byte[] labeled(String modelId, String recordId, double[] features, double label) {
        return AvroCodecs.labeledRecord().encode(LabeledRecord.newBuilder()
                .setModelId(modelId)
                .setRecordId(recordId)
                .setFeatures(Arrays.stream(features).boxed().toList())
                .setLabel(label)
                .setEventTime(Instant.ofEpochMilli(0))
                .build());
    }

    /** A feature record's bytes; {@code samples} null: the spec's scoreSamples. */
    public static byte[] feature(String modelId, String requestId, double[] features, Integer samples) {
        return AvroCodecs.featureRecord().encode(FeatureRecord.newBuilder()
                .setModelId(modelId)
                .setRequestId(requestId)
                .setFeatures(Arrays.stream(features).boxed().toList())
                .setEventTime(Instant.ofEpochMilli(0))
                .setSamples(samples)
                .build());
    }

    /** A valid spec's bytes, every field explicit. */
    public static byte[] spec(ModelSpec spec) {
        return AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(spec));
    }

    /** The Avro form of a valid spec, for tests that corrupt one field of it. */
    public static io.credence.avro.ModelSpec avroSpec(ModelSpec spec) {
        return ModelSpecCodec.toAvro(spec);
    }

    /** The bytes of an Avro spec as it is, valid or not. */
    public static byte[] spec(io.credence.avro.ModelSpec spec) {
        return AvroCodecs.modelSpec().encode(spec);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of a ByteBuffer field, or null. */
    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) return null;
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    public static List<TrainingMetrics> metrics(List<ConsumerRecord<byte[], byte[]>> records) {
        return decodeAll(AvroCodecs.trainingMetrics(), records);
    }

    /**
     * The whole snapshots in {@code records} (one model's in offset order), in order: a snapshot published in parts
     * once its last part is read, never one with a part missing.
     */
    public static List<PosteriorSnapshot> snapshots(List<ConsumerRecord<byte[], byte[]>> records) {
        SnapshotAssembler assembler = new SnapshotAssembler(WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot()));
        List<PosteriorSnapshot> wholes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                assembler.accept(r.value()).ifPresent(whole -> wholes.add(whole.snapshot()));
            } catch (DecodeException e) {
                throw new AssertionError("the trainer wrote a snapshot record that does not decode or assemble: " + e.getMessage(), e);
            }
        }
        return wholes;
    }

    public static List<Prediction> predictions(List<ConsumerRecord<byte[], byte[]>> records) {
        return decodeAll(AvroCodecs.prediction(), records);
    }

    public static List<DeadLetter> deadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        return decodeAll(AvroCodecs.deadLetter(), records);
    }

    /** Decodes an app's output; an output that does not decode is a failure of the app. */
    public static <T extends SpecificRecord> T decode(AvroCodec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (DecodeException e) {
            throw new AssertionError("an app wrote a value that does not decode as " + codec.type().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T extends SpecificRecord> List<T> decodeAll(AvroCodec<T> codec, List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> decode(codec, r.value())).toList();
    }
}
