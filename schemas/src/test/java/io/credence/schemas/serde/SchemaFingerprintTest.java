package io.credence.schemas.serde;

import io.credence.avro.LabeledRecord;
import io.credence.avro.ModelSpec;
import io.credence.schemas.Samples;
import io.credence.schemas.codec.ModelSpecCodec;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SchemaFingerprintTest {

    @Test
    void readsTheLittleEndianCrc64OfTheWriterSchemaFromTheHeader() throws Exception {
        byte[] bytes = AvroCodecs.modelSpec().encode(ModelSpecCodec.toAvro(Samples.regressionSpec()));

        assertThat(Arrays.copyOfRange(bytes, 2, 10))
                .isEqualTo(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", ModelSpec.getClassSchema()));
        assertThat(SchemaFingerprint.read(bytes)).isEqualTo(SchemaNormalization.parsingFingerprint64(ModelSpec.getClassSchema()));
    }

    @Test
    void tellsEveryTopLevelTypeApartWithoutDecoding() throws DecodeException {
        for (SpecificRecord record : Samples.everyTopLevelRecord()) {
            byte[] bytes = AvroCodecTest.codecOf(record).encode(record);
            assertThat(SchemaFingerprint.typeOf(bytes)).contains(record.getClass());
        }
    }

    @Test
    void anUnknownFingerprintHasNoType() throws DecodeException {
        byte[] bytes = AvroCodecs.labeledRecord().encode((LabeledRecord) Samples.everyTopLevelRecord().get(0));
        bytes[9] ^= 0x40;

        assertThat(SchemaFingerprint.typeOf(bytes)).isEmpty();
    }

    @Test
    void aBadHeaderIsMalformed() {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> SchemaFingerprint.typeOf(new byte[]{0, 1, 2}));

        assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED);
        assertThat(e.getMessage()).isEqualTo("payload has 3 bytes, fewer than the 10-byte Avro single-object header (C3 01 + 8-byte schema fingerprint)");
    }

    @Test
    void hexHasSixteenDigits() {
        assertThat(SchemaFingerprint.hex(0x1FL)).isEqualTo("0x000000000000001f");
        assertThat(SchemaFingerprint.hex(-1L)).isEqualTo("0xffffffffffffffff");
    }
}
