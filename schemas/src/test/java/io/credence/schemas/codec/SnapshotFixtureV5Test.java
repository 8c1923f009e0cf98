package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.ReplaySpec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import static io.credence.schemas.codec.PosteriorAssert.assertSamePosterior;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed version-5 snapshot must decode, with every build, to exactly the values it was written with
 * ({@link SnapshotFixtureV6Test} freezes the current encoding).
 */
class SnapshotFixtureV5Test {

    @Test
    void theCommittedVersion5SnapshotDecodesToItsExactValuesReplayIncluded() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture());

        assertThat(decoded.getModelId()).isEqualTo("fixture-v5");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV5.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV5.CREATED_AT_MILLIS));
        assertThat(decoded.getLogVarianceFloor()).isNotNull();
        assertThat(decoded.getNoiseLogSigma()).isNull();
        assertThat(decoded.getSpec().getNoise().getDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(decoded.getSpec().getOptimizer().getAveragingDecay()).isEqualTo(0.999);
        assertThat(decoded.getSpec().getReplay()).isEqualTo(new ReplaySpec(2_000, 1, 400.0));
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV5.posterior());
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV5Test.class.getResourceAsStream(SnapshotFixtureV5.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV5.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
