package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import static io.credence.schemas.codec.PosteriorAssert.assertSamePosterior;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed version-2 snapshot (a heteroscedastic model with a floor) must decode, with every build, to exactly the
 * values it was written with (Gaussian noise: it predates the noise's degreesOfFreedom). If this fails after a schema
 * change, the change is incompatible, or the previous schema must be registered in AvroCodecs; never regenerate the
 * file to make it pass. The current wire format is frozen by {@link SnapshotFixtureV5Test}.
 */
class SnapshotFixtureV2Test {

    @Test
    void theCommittedVersion2SnapshotDecodesToItsExactValuesFloorIncluded() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture());

        assertThat(decoded.getModelId()).isEqualTo("fixture-v2");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV2.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV2.CREATED_AT_MILLIS));
        assertThat(decoded.getLogVarianceFloor()).isNotNull();
        assertThat(decoded.getNoiseLogSigma()).isNull();
        assertThat(decoded.getSpec().getNoise().getDegreesOfFreedom()).isNull();
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV2.posterior());
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV2Test.class.getResourceAsStream(SnapshotFixtureV2.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV2.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
