package io.credence.schemas.serde;

import io.credence.avro.FeatureRecord;
import io.credence.avro.LabeledRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written readers against Avro's own reader, which the generic codec (no reader) uses. */
class RecordBodiesTest {
    private static final long SEED = 20261123L;
    private static final AvroCodec<LabeledRecord> AVRO_LABELED = AvroCodec.of(LabeledRecord.class);
    private static final AvroCodec<FeatureRecord> AVRO_FEATURES = AvroCodec.of(FeatureRecord.class);

    @Test
    void theCodecsOfBothHotPathsUseTheHandWrittenReaders() {
        assertThat(RecordBodies.LABELED_RECORD.fingerprint()).isEqualTo(AVRO_LABELED.fingerprint());
        assertThat(RecordBodies.FEATURE_RECORD.fingerprint()).isEqualTo(AVRO_FEATURES.fingerprint());
    }

    @Test
    void aReaderWrittenForAnotherSchemaIsRefusedAtConstruction() {
        var stale = new RecordBodies.Reader<>(RecordBodies.LABELED_RECORD.fingerprint() + 1, RecordBodies.LABELED_RECORD.body());

        assertThatThrownBy(() -> AvroCodec.withReader(LabeledRecord.class, stale))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("update it in RecordBodies");
    }

    @Test
    void randomRecordsDecodeAsAvroDecodesThem() throws DecodeException {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            LabeledRecord labeled = randomLabeled(random);
            byte[] bytes = AvroCodecs.labeledRecord().encode(labeled);
            assertThat(reencoded(AvroCodecs.labeledRecord(), bytes)).as("seed %d, record %d", SEED, i)
                    .isEqualTo(reencoded(AVRO_LABELED, bytes)).isEqualTo(bytes);

            FeatureRecord features = randomFeatures(random);
            bytes = AvroCodecs.featureRecord().encode(features);
            assertThat(reencoded(AvroCodecs.featureRecord(), bytes)).as("seed %d, record %d", SEED, i)
                    .isEqualTo(reencoded(AVRO_FEATURES, bytes)).isEqualTo(bytes);
        }
    }

    @Test
    void arraysWrittenInSizedBlocksDecode() throws Exception {
        // Avro's blocking encoder writes an array as blocks with a negative count followed by the block's byte size.
        LabeledRecord labeled = randomLabeled(new Random(SEED));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroCodecs.labeledRecord().encode(labeled), 0, SchemaFingerprint.HEADER_LENGTH);
        BinaryEncoder blocking = EncoderFactory.get().blockingBinaryEncoder(out, null);
        new SpecificDatumWriter<LabeledRecord>(LabeledRecord.class).write(labeled, blocking);
        blocking.flush();
        byte[] bytes = out.toByteArray();

        assertThat(bytes).isNotEqualTo(AvroCodecs.labeledRecord().encode(labeled));
        assertThat(reencoded(AvroCodecs.labeledRecord(), bytes)).isEqualTo(reencoded(AVRO_LABELED, bytes))
                .isEqualTo(AvroCodecs.labeledRecord().encode(labeled));
    }

    @Test
    void truncatedCorruptedAndExtendedPayloadsFailOrDecodeExactlyAsAvroDoes() throws DecodeException {
        Random random = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            byte[] valid = AvroCodecs.labeledRecord().encode(randomLabeled(random));
            for (int length = SchemaFingerprint.HEADER_LENGTH; length < valid.length; length++) {
                refused += agree(AvroCodecs.labeledRecord(), AVRO_LABELED, Arrays.copyOf(valid, length));
            }
            refused += agree(AvroCodecs.labeledRecord(), AVRO_LABELED, Arrays.copyOf(valid, valid.length + 1));
            for (int m = 0; m < 50; m++) {
                byte[] corrupt = valid.clone();
                corrupt[SchemaFingerprint.HEADER_LENGTH + random.nextInt(valid.length - SchemaFingerprint.HEADER_LENGTH)] = (byte) random.nextInt(256);
                refused += agree(AvroCodecs.labeledRecord(), AVRO_LABELED, corrupt);
                byte[] corruptFeatures = AvroCodecs.featureRecord().encode(randomFeatures(random));
                corruptFeatures[SchemaFingerprint.HEADER_LENGTH + random.nextInt(corruptFeatures.length - SchemaFingerprint.HEADER_LENGTH)] = (byte) random.nextInt(256);
                refused += agree(AvroCodecs.featureRecord(), AVRO_FEATURES, corruptFeatures);
            }
        }
        assertThat(refused).as("payloads both readers refused").isGreaterThan(10_000);
    }

    @Test
    void aLengthClaimingMoreThanThePayloadHoldsFailsWithoutAllocatingIt() {
        byte[] header = AvroCodecs.labeledRecord().encode(randomLabeled(new Random(SEED)));
        byte[] bytes = Arrays.copyOf(header, SchemaFingerprint.HEADER_LENGTH + 5);
        // modelId length 2^30 (zig-zag varint of 2^31): a reader that allocated it first would need a gigabyte.
        byte[] hugeLength = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        System.arraycopy(hugeLength, 0, bytes, SchemaFingerprint.HEADER_LENGTH, hugeLength.length);

        assertThatThrownBy(() -> AvroCodecs.labeledRecord().decode(bytes))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED))
                .hasMessageContaining("truncated");
    }

    /** 1 when both codecs refuse {@code bytes} as MALFORMED, 0 when both decode it to equal records; fails otherwise. */
    private static <T extends SpecificRecord> int agree(AvroCodec<T> handWritten, AvroCodec<T> avro, byte[] bytes) {
        T ours = null, theirs = null;
        String oursError = null, theirsError = null;
        try {
            ours = handWritten.decode(bytes);
        } catch (DecodeException e) {
            oursError = e.errorClass();
        }
        try {
            theirs = avro.decode(bytes);
        } catch (DecodeException e) {
            theirsError = e.errorClass();
        }
        assertThat(oursError).as("error class of %s", Arrays.toString(bytes)).isEqualTo(theirsError);
        if (ours != null) assertThat(handWritten.encode(ours)).as("record from %s", Arrays.toString(bytes)).isEqualTo(avro.encode(theirs));
        return oursError == null ? 0 : 1;
    }

    /**
     * The record {@code codec} decodes from {@code bytes}, encoded again: compares every bit, NaN payloads included
     * (Avro's record equality holds NaN unequal to itself).
     */
    private static <T extends SpecificRecord> byte[] reencoded(AvroCodec<T> codec, byte[] bytes) throws DecodeException {
        return codec.encode(codec.decode(bytes));
    }

    private static LabeledRecord randomLabeled(Random random) {
        return new LabeledRecord(randomString(random), random.nextBoolean() ? null : randomString(random), randomDoubles(random),
                randomDouble(random), Instant.ofEpochMilli(random.nextLong() >> random.nextInt(40)),
                random.nextBoolean() ? null : randomDouble(random));
    }

    private static FeatureRecord randomFeatures(Random random) {
        return new FeatureRecord(randomString(random), randomString(random), randomDoubles(random),
                Instant.ofEpochMilli(random.nextLong() >> random.nextInt(40)), random.nextBoolean() ? null : random.nextInt() >> random.nextInt(32),
                random.nextBoolean());
    }

    private static String randomString(Random random) {
        int length = random.nextInt(3) == 0 ? random.nextInt(300) : random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> 0x80 + random.nextInt(0x700);      // two UTF-8 bytes
                case 2 -> 0x4E00 + random.nextInt(0x5000);   // three
                default -> 0x1F300 + random.nextInt(0x300);  // four (a surrogate pair in Java)
            });
        }
        return s.toString();
    }

    private static List<Double> randomDoubles(Random random) {
        int n = random.nextInt(5) == 0 ? random.nextInt(200) : random.nextInt(20);
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) values.add(randomDouble(random));
        return values;
    }

    private static double randomDouble(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> -0.0;
            case 3 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(10) - 5);
        };
    }
}
