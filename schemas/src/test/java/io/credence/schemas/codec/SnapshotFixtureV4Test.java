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
 * The committed version-4 snapshot (Student-t noise, a floor and Polyak averaging) must decode, with every build, to
 * exactly the values it was written with (no replay: it predates the spec's replay, so it takes the core default). If
 * this fails after a schema change, the change is incompatible, or the previous schema must be registered in
 * AvroCodecs; never regenerate the file to make it pass. The current wire format is frozen by
 * {@link SnapshotFixtureV5Test}.
 */
class SnapshotFixtureV4Test {

    @Test
    void theCommittedVersion4SnapshotDecodesToItsExactValuesAveragingIncluded() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture());

        assertThat(decoded.getModelId()).isEqualTo("fixture-v4");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV4.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV4.CREATED_AT_MILLIS));
        assertThat(decoded.getLogVarianceFloor()).isNotNull();
        assertThat(decoded.getNoiseLogSigma()).isNull();
        assertThat(decoded.getSpec().getNoise().getDegreesOfFreedom()).isEqualTo(4.0);
        assertThat(decoded.getSpec().getOptimizer().getAveragingDecay()).isEqualTo(0.999);
        assertThat(decoded.getSpec().getReplay()).isNull();
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV4.posterior());
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = SnapshotFixtureV4Test.class.getResourceAsStream(SnapshotFixtureV4.RESOURCE)) {
            assertThat(in).as(SnapshotFixtureV4.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }
}
