package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.SchemaFingerprint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import static io.credence.schemas.codec.PosteriorAssert.assertSamePosterior;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Freezes the wire format: the committed version-1 snapshot must decode, with every build, to exactly the values it
 * was written with. If this fails after a schema change, the change is incompatible, or the previous schema must be
 * registered in AvroCodecs; never regenerate the file to make it pass.
 */
class SnapshotFixtureV1Test {

    @Test
    void theCommittedVersion1SnapshotDecodesToItsExactValues() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture());

        assertThat(decoded.getModelId()).isEqualTo("fixture-v1");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV1.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV1.CREATED_AT_MILLIS));
        assertThat(decoded.getMetrics()).isEqualTo(SnapshotFixtureV1.metrics());
        assertThat(decoded.getMetrics().getCumulative().getAccuracy()).isNull();
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV1.posterior());
    }

    @Test
    void whileTheSchemaIsUnchangedEncodingGivesTheCommittedBytes() throws IOException, DecodeException {
        byte[] committed = fixture();
        assumeTrue(SchemaFingerprint.read(committed) == AvroCodecs.posteriorSnapshot().fingerprint(),
                "PosteriorSnapshot schema changed since version 1; only decoding is checked");

        assertThat(AvroCodecs.posteriorSnapshot().encode(SnapshotFixtureV1.snapshot())).isEqualTo(committed);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV1Test.class.getResourceAsStream(SnapshotFixtureV1.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV1.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
