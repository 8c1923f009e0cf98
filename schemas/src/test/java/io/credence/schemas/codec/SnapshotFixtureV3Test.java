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
 * The committed version-3 snapshot (Student-t noise and a floor) must decode, with every build, to exactly the values
 * it was written with (no averaging: it predates the optimizer's averagingDecay). If this fails after a schema change,
 * the change is incompatible, or the previous schema must be registered in AvroCodecs; never regenerate the file to
 * make it pass. The current wire format is frozen by {@link SnapshotFixtureV5Test}.
 */
class SnapshotFixtureV3Test {

    @Test
    void theCommittedVersion3SnapshotDecodesToItsExactValuesStudentTNoiseIncluded() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture());

        assertThat(decoded.getModelId()).isEqualTo("fixture-v3");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV3.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV3.CREATED_AT_MILLIS));
        assertThat(decoded.getLogVarianceFloor()).isNotNull();
        assertThat(decoded.getNoiseLogSigma()).isNull();
        assertThat(decoded.getSpec().getNoise().getDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(decoded.getSpec().getOptimizer().getAveragingDecay()).isNull();
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV3.posterior());
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV3Test.class.getResourceAsStream(SnapshotFixtureV3.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV3.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
