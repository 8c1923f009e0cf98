package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.SchemaFingerprint;
import io.credence.schemas.serde.WireFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.credence.schemas.codec.PosteriorAssert.assertSamePosterior;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Freezes the wire format of snapshots in parts: the committed version-7 snapshot, in one record and in three parts,
 * must decode and assemble, with every build, to exactly the values it was written with, and while the schema is
 * unchanged writing those values must give the committed bytes. After a schema change the second test is skipped:
 * register the old schema in AvroCodecs and commit a version-8 fixture.
 */
class SnapshotFixtureV7Test {

    @Test
    void theCommittedVersion7SnapshotDecodesInOneRecordAndAssemblesFromItsPartsToItsExactValues() throws IOException, DecodeException {
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(fixture(SnapshotFixtureV7.RESOURCE));
        SnapshotAssembler assembler = new SnapshotAssembler(WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot()));
        List<Optional<SnapshotAssembler.Whole>> assembled = new ArrayList<>();
        for (int i = 0; i < SnapshotFixtureV7.PARTS; i++) assembled.add(assembler.accept(fixture(SnapshotFixtureV7.partResource(i))));

        assertThat(decoded.getModelId()).isEqualTo("fixture-v7");
        assertThat(decoded.getVersion()).isEqualTo(SnapshotFixtureV7.VERSION);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(SnapshotFixtureV7.CREATED_AT_MILLIS));
        assertThat(decoded.getPart()).isNull();
        assertSamePosterior(PosteriorCodec.toCore(decoded), SnapshotFixtureV7.posterior());
        assertThat(assembled.subList(0, SnapshotFixtureV7.PARTS - 1)).allSatisfy(a -> assertThat(a).isEmpty());
        assertThat(assembled.get(SnapshotFixtureV7.PARTS - 1)).hasValueSatisfying(whole -> {
            assertThat(whole.snapshot()).isEqualTo(decoded);
            assertThat(whole.bytes()).isEqualTo(fixtureUnchecked(SnapshotFixtureV7.RESOURCE));
        });
    }

    @Test
    void whileTheSchemaIsUnchangedWritingGivesTheCommittedBytes() throws IOException, DecodeException {
        byte[] committed = fixture(SnapshotFixtureV7.RESOURCE);
        assumeTrue(SchemaFingerprint.read(committed) == AvroCodecs.posteriorSnapshot().fingerprint(),
                "PosteriorSnapshot schema changed since version 7; only decoding is checked");

        assertThat(AvroCodecs.posteriorSnapshot().encode(SnapshotFixtureV7.snapshot())).isEqualTo(committed);
        List<byte[]> parts = SnapshotFixtureV7.parts();
        assertThat(parts).hasSize(SnapshotFixtureV7.PARTS);
        for (int i = 0; i < parts.size(); i++) assertThat(parts.get(i)).as("part %d", i).isEqualTo(fixture(SnapshotFixtureV7.partResource(i)));
    }

    private static byte[] fixtureUnchecked(String resource) {
        try {
            return fixture(resource);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] fixture(String resource) throws IOException {
        try (InputStream in = SnapshotFixtureV7Test.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
