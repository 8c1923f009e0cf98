package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.ReplaySpec;
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
 * Freezes the wire format: the committed version-6 snapshot must decode, with every build, to exactly the values it
 * was written with, and while the schema is unchanged encoding those values must give the committed bytes. After a
 * schema change the second test is skipped: register the old schema in AvroCodecs and commit a version-7 fixture.
 */
class SnapshotFixtureV6Test {

    @Test
    void theCommittedVersion6SnapshotDecodesToItsExactValuesReplayIncluded() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture());

        assertThat(decoded.getModelId()).isEqualTo("fixture-v6");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV6.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV6.CREATED_AT_MILLIS));
        assertThat(decoded.getLogVarianceFloor()).isNotNull();
        assertThat(decoded.getNoiseLogSigma()).isNull();
        assertThat(decoded.getSpec().getNoise().getDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(decoded.getSpec().getOptimizer().getAveragingDecay()).isEqualTo(0.999);
        assertThat(decoded.getSpec().getReplay()).isEqualTo(new ReplaySpec(2_000, 1, 400.0));
        assertThat(decoded.getSpec().getFromWeights()).isNull();
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV6.posterior());
    }

    @Test
    void whileTheSchemaIsUnchangedEncodingGivesTheCommittedBytes() throws IOException, DecodeException {
        byte[] committed = fixture();
        assumeTrue(SchemaFingerprint.read(committed) == AvroCodecs.posteriorSnapshot().fingerprint(),
                "PosteriorSnapshot schema changed since version 6; only decoding is checked");

        assertThat(AvroCodecs.posteriorSnapshot().encode(SnapshotFixtureV6.snapshot())).isEqualTo(committed);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV6Test.class.getResourceAsStream(SnapshotFixtureV6.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV6.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
