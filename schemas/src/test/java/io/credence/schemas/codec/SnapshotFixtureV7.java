package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.parts.SnapshotParts;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The version-7 posterior snapshot (the schema that gained part), committed as
 * {@code src/test/resources/fixtures/posterior-snapshot-v7.avro} in one record and as
 * {@code posterior-snapshot-v7-part-0.avro} to {@code -part-2.avro} in {@value #PARTS} parts (cut at
 * {@value #PART_BYTES} bytes, small limits so the files stay small): the values of {@link SnapshotFixtureV5} under model
 * id fixture-v7. Nothing here may change once the files are committed; never regenerate them to make the test pass.
 */
final class SnapshotFixtureV7 {

    static final String RESOURCE = "/fixtures/posterior-snapshot-v7.avro";
    static final long VERSION = 7;
    static final long CREATED_AT_MILLIS = 1_765_200_700_000L;
    static final int PARTS = 3;
    static final int PART_BYTES = 256;

    private SnapshotFixtureV7() {}

    /** The resource of part {@code index}. */
    static String partResource(int index) {
        return "/fixtures/posterior-snapshot-v7-part-" + index + ".avro";
    }

    /** The version-5 fixture's spec under another model id. */
    static ModelSpec spec() {
        return SnapshotFixtureV5.spec().toBuilder().modelId("fixture-v7").build();
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

    /** The part records' values, in order. */
    static List<byte[]> parts() {
        return SnapshotParts.of(WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot()), snapshot(),
                PART_BYTES, PART_BYTES).stream().map(SnapshotParts.Keyed::value).toList();
    }

    /** Writes the fixtures; run once from the module directory with the test classpath. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        Files.write(dir.resolve(RESOURCE.substring(1)), AvroCodecs.posteriorSnapshot().encode(snapshot()));
        List<byte[]> parts = parts();
        if (parts.size() != PARTS) throw new IllegalStateException(parts.size() + " parts, expected " + PARTS);
        for (int i = 0; i < parts.size(); i++) Files.write(dir.resolve(partResource(i).substring(1)), parts.get(i));
        System.out.println("wrote the fixtures in " + dir.toAbsolutePath());
    }
}
