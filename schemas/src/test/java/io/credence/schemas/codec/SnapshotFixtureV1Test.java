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
 * The committed version-1 snapshot must decode, with every build, to exactly the values it was written with (and no
 * log-variance floor, a field it predates). If this fails after a schema change, the change is incompatible, or the
 * previous schema must be registered in AvroCodecs; never regenerate the file to make it pass. The current wire format
 * is frozen by {@link SnapshotFixtureV5Test}.
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

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV1Test.class.getResourceAsStream(SnapshotFixtureV1.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV1.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
