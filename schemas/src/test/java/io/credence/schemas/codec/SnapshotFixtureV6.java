package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.serde.AvroCodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The version-6 posterior snapshot (the schema whose spec gained fromWeights, null in every snapshot), committed as
 * {@code src/test/resources/fixtures/posterior-snapshot-v6.avro}: the values of {@link SnapshotFixtureV5} (a
 * heteroscedastic model with Student-t noise, a floor, Polyak averaging and rehearsal) under model id fixture-v6,
 * Nothing here may change once the file is committed; never regenerate it to make the test pass.
 */
final class SnapshotFixtureV6 {

    static final String RESOURCE = "/fixtures/posterior-snapshot-v6.avro";
    static final long VERSION = 6;
    static final long CREATED_AT_MILLIS = 1_765_100_600_000L;

    private SnapshotFixtureV6() {}

    /** The version-5 fixture's spec under another model id: every field explicit, no fromWeights. */
    static ModelSpec spec() {
        return SnapshotFixtureV5.spec().toBuilder().modelId("fixture-v6").build();
    }

    /** The version-5 fixture's posterior values (frozen there) under this spec. */
    static Posterior posterior() {
        Posterior v5 = SnapshotFixtureV5.posterior();
        return new Posterior(spec(), v5.layers(), v5.noiseLogSigma(), v5.logVarianceFloor(), v5.inputs(), v5.target(),
                v5.recordsSeen(), v5.updates());
    }

    static PosteriorSnapshot snapshot() {
        return PosteriorCodec.toAvro(posterior(), VERSION, CREATED_AT_MILLIS, SnapshotFixtureV1.metrics());
    }

    /** Writes the fixture; run once from the module directory with the test classpath. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources" + RESOURCE);
        Files.write(file, AvroCodecs.posteriorSnapshot().encode(snapshot()));
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
