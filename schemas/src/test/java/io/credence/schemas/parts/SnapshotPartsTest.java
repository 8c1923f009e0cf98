package io.credence.schemas.parts;

import io.credence.avro.PosteriorSnapshot;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.Samples;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.registry.ConfluentWireFormat;
import io.credence.schemas.registry.RegistrySettings;
import io.credence.schemas.registry.StandInRegistry;
import io.credence.schemas.parts.SnapshotParts.Keyed;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.TopicCodec;
import io.credence.schemas.serde.WireFormat;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A snapshot too large for one record goes out in parts and comes back whole, and only whole: never with a part
 * missing, never made of two versions or two attempts, never with an older version's leftover parts; a snapshot in one
 * record is written and read exactly as before parts existed.
 */
class SnapshotPartsTest {

    private static final TopicCodec<PosteriorSnapshot> CODEC = WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot());
    /** Small limits, so a small network goes out in a handful of parts. */
    private static final int MAX_RECORD = 600;
    private static final int PART = 400;

    @Test
    void aSnapshotThatFitsIsOneRecordKeyedByItsModelIdAsBefore() throws DecodeException {
        PosteriorSnapshot snapshot = snapshot("small", 3, List.of(4), 1);

        List<Keyed> records = SnapshotParts.of(CODEC, snapshot);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("small".getBytes(StandardCharsets.UTF_8));
        assertThat(records.get(0).value()).isEqualTo(CODEC.encode(snapshot));
        assertThat(new SnapshotAssembler(CODEC).accept(records.get(0).value())).hasValueSatisfying(whole -> {
            assertThat(whole.snapshot()).isEqualTo(snapshot);
            assertThat(whole.bytes()).isEqualTo(records.get(0).value());
        });
    }

    @Test
    void aLargeSnapshotGoesOutInPartsUnderCredencesLimitsAndComesBackIdentical() throws DecodeException {
        // 13-512-512-1: 270,000 weights and biases, 2.2 MB of float32 means and rhos.
        PosteriorSnapshot snapshot = snapshot("house", 13, List.of(512, 512), 2);
        byte[] whole = CODEC.encode(snapshot);

        List<Keyed> records = SnapshotParts.of(CODEC, snapshot);

        assertThat(records).hasSize((whole.length + Parts.PART_BYTES - 1) / Parts.PART_BYTES).hasSizeGreaterThan(2);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).key()).isEqualTo(("house\u0000" + i).getBytes(StandardCharsets.UTF_8));
            assertThat(records.get(i).value().length).isLessThanOrEqualTo(Parts.PART_BYTES + 4096);
            PosteriorSnapshot part = CODEC.decode(records.get(i).value());
            assertThat(part.getLayers()).isEmpty();
            assertThat(part.getVersion()).isEqualTo(2);
            assertThat(part.getRecordsSeen()).isEqualTo(snapshot.getRecordsSeen());
            assertThat(part.getPart().getCount()).isEqualTo(records.size());
            assertThat(part.getPart().getLength()).isEqualTo(whole.length);
        }
        SnapshotAssembler assembler = new SnapshotAssembler(CODEC);
        List<SnapshotAssembler.Whole> wholes = feed(assembler, records);
        assertThat(wholes).hasSize(1);
        assertThat(wholes.get(0).snapshot()).isEqualTo(snapshot);
        assertThat(wholes.get(0).bytes()).isEqualTo(whole);
        assertThat(assembler.incomplete()).isZero();
    }

    @Test
    void inASchemaRegistrysWireFormatPartsAndTheirWholeCarryTheRegisteredId() throws DecodeException {
        try (StandInRegistry registry = StandInRegistry.start()) {
            TopicCodec<PosteriorSnapshot> writer = new ConfluentWireFormat(RegistrySettings.of(registry.url()))
                    .on("posterior-snapshots", AvroCodecs.posteriorSnapshot());
            TopicCodec<PosteriorSnapshot> reader = new ConfluentWireFormat(RegistrySettings.of(registry.url()))
                    .on("posterior-snapshots", AvroCodecs.posteriorSnapshot());
            PosteriorSnapshot snapshot = snapshot("m", 3, List.of(16), 3);
            List<Keyed> records = SnapshotParts.of(writer, snapshot, MAX_RECORD, PART);

            List<SnapshotAssembler.Whole> wholes = feed(new SnapshotAssembler(reader), records);

            assertThat(records).hasSizeGreaterThan(1).allSatisfy(r -> assertThat(r.value()[0]).isZero());
            assertThat(wholes).singleElement().satisfies(w -> {
                assertThat(w.snapshot()).isEqualTo(snapshot);
                assertThat(w.bytes()).isEqualTo(writer.encode(snapshot));
            });
        }
    }

    @Test
    void aVersionWithAPartMissingIsNeverAssembled() throws DecodeException {
        List<Keyed> parts = parts(snapshot("m", 3, List.of(16), 5));
        SnapshotAssembler assembler = new SnapshotAssembler(CODEC);

        assertThat(feed(assembler, parts.subList(0, parts.size() - 1))).isEmpty();
        List<Keyed> withoutTheFirst = parts.subList(1, parts.size());
        assertThat(feed(new SnapshotAssembler(CODEC), withoutTheFirst)).isEmpty();
        assertThat(assembler.incomplete()).isOne();
    }

    @Test
    void partsOfTwoVersionsAreNeverMixed() throws DecodeException {
        PosteriorSnapshot v5 = snapshot("m", 3, List.of(16), 5);
        PosteriorSnapshot v6 = snapshot("m", 3, List.of(16), 6);
        List<Keyed> a = parts(v5);
        List<Keyed> b = parts(v6);
        assertThat(a).hasSameSizeAs(b).hasSizeGreaterThanOrEqualTo(3);
        SnapshotAssembler assembler = new SnapshotAssembler(CODEC);

        // Interleaved part by part: whichever version a part belongs to, the other's incomplete parts are dropped.
        List<Keyed> interleaved = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            interleaved.add(a.get(i));
            interleaved.add(b.get(i));
        }
        assertThat(feed(assembler, interleaved)).isEmpty();
        // A version's parts in a row after that: exactly that version.
        assertThat(feed(assembler, b)).singleElement().satisfies(w -> assertThat(w.snapshot()).isEqualTo(v6));
    }

    @Test
    void leftoverPartsOfAnOlderLargerVersionAreIgnored() throws DecodeException {
        // What compaction leaves after version 7 (5 parts) was replaced by version 2 (3 parts) of a reset trainer:
        // version 7's parts 3 and 4, then version 2's parts 0 to 2, which overwrote its parts 0 to 2.
        List<Keyed> older = parts(snapshot("m", 3, List.of(48), 7));
        List<Keyed> newer = parts(snapshot("m", 3, List.of(24), 2));
        assertThat(older.size()).isGreaterThan(newer.size());
        List<Keyed> compacted = new ArrayList<>(older.subList(newer.size(), older.size()));
        compacted.addAll(newer);

        List<SnapshotAssembler.Whole> wholes = feed(new SnapshotAssembler(CODEC), compacted);

        assertThat(wholes).singleElement().satisfies(w -> assertThat(w.snapshot().getVersion()).isEqualTo(2));
    }

    @Test
    void aVersionPublishedAgainAfterACutShortAttemptIsAssembledFromTheSecondAttemptOnly() throws DecodeException {
        PosteriorSnapshot first = snapshot("m", 3, List.of(16), 9);
        PosteriorSnapshot again = CODEC.decode(CODEC.encode(first));
        again.setCreatedAt(first.getCreatedAt().plusSeconds(3)); // the same version, other bytes
        List<Keyed> cutShort = parts(first).subList(0, 2);
        List<Keyed> complete = parts(again);
        List<Keyed> both = new ArrayList<>(cutShort);
        both.addAll(complete);

        assertThat(feed(new SnapshotAssembler(CODEC), both)).singleElement()
                .satisfies(w -> assertThat(w.snapshot()).isEqualTo(again));
    }

    @Test
    void aOneRecordSnapshotAfterIncompletePartsWinsAndDropsThem() throws DecodeException {
        List<Keyed> parts = parts(snapshot("m", 3, List.of(16), 3));
        PosteriorSnapshot small = snapshot("m", 3, List.of(2), 4);
        SnapshotAssembler assembler = new SnapshotAssembler(CODEC);

        assertThat(feed(assembler, parts.subList(0, 2))).isEmpty();
        assertThat(assembler.accept(CODEC.encode(small))).hasValueSatisfying(w -> assertThat(w.snapshot()).isEqualTo(small));
        assertThat(feed(assembler, parts.subList(2, parts.size()))).isEmpty();
    }

    @Test
    void aCorruptedPartFailsTheWholesChecksAsMalformed() throws DecodeException {
        List<Keyed> parts = new ArrayList<>(parts(snapshot("m", 3, List.of(16), 3)));
        PosteriorSnapshot middle = CODEC.decode(parts.get(1).value());
        byte[] bytes = middle.getPart().getBytes().array().clone();
        bytes[bytes.length / 2] ^= 0x40;
        middle.getPart().setBytes(java.nio.ByteBuffer.wrap(bytes));
        parts.set(1, new Keyed(parts.get(1).key(), CODEC.encode(middle)));
        SnapshotAssembler assembler = new SnapshotAssembler(CODEC);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> feed(assembler, parts));

        assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED);
        assertThat(e.getMessage()).contains("model m version 3", "CRC-32C");
        assertThat(assembler.incomplete()).isZero();
    }

    @Test
    void aPartThatContradictsItselfIsMalformed() throws DecodeException {
        PosteriorSnapshot part = CODEC.decode(parts(snapshot("m", 3, List.of(16), 3)).get(0).value());
        part.getPart().setIndex(part.getPart().getCount());

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> new SnapshotAssembler(CODEC).accept(CODEC.encode(part)));

        assertThat(e.errorClass()).isEqualTo(DecodeException.MALFORMED);
        assertThat(e.getMessage()).contains("is impossible");
    }

    @Test
    void aSnapshotOfTheReleaseBeforePartsIsReadInOnePiece() throws IOException, DecodeException {
        byte[] v6;
        try (InputStream in = SnapshotPartsTest.class.getResourceAsStream("/fixtures/posterior-snapshot-v6.avro")) {
            v6 = in.readAllBytes();
        }

        Optional<SnapshotAssembler.Whole> whole = new SnapshotAssembler(CODEC).accept(v6);

        assertThat(whole).hasValueSatisfying(w -> {
            assertThat(w.snapshot().getModelId()).isEqualTo("fixture-v6");
            assertThat(w.snapshot().getPart()).isNull();
            assertThat(w.bytes()).isEqualTo(v6);
        });
    }

    @Test
    void aPartIsNotAPosterior() throws DecodeException {
        PosteriorSnapshot part = CODEC.decode(parts(snapshot("m", 3, List.of(16), 3)).get(0).value());

        assertThatThrownBy(() -> PosteriorCodec.toCore(part)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model m version 3 is part 0 of", "assemble its parts first");
    }

    @Test
    void everyRecordOfAModelGoesToItsModelIdsPartition() {
        for (String model : List.of("house", "m", "a-much-longer-model-id-7")) {
            byte[] key = model.getBytes(StandardCharsets.UTF_8);
            for (int partitions : new int[] {1, 3, 12}) {
                int expected = BuiltInPartitioner.partitionForKey(key, partitions);
                assertThat(SnapshotKeys.partition(SnapshotKeys.of(model), partitions)).isEqualTo(expected);
                for (int i : new int[] {0, 1, 17}) {
                    byte[] partKey = SnapshotKeys.ofPart(model, i);
                    assertThat(SnapshotKeys.partition(partKey, partitions)).as("%s part %d of %d", model, i, partitions).isEqualTo(expected);
                    assertThat(SnapshotKeys.modelId(partKey)).isEqualTo(model);
                    assertThat(SnapshotKeys.isPart(partKey)).isTrue();
                    assertThat(SnapshotKeys.isOf(partKey, model)).isTrue();
                    assertThat(SnapshotKeys.isOf(partKey, model + "x")).isFalse();
                }
            }
            assertThat(SnapshotKeys.isPart(SnapshotKeys.of(model))).isFalse();
            assertThat(SnapshotKeys.modelId(SnapshotKeys.of(model))).isEqualTo(model);
        }
    }

    /** A snapshot of a {@code features}-{@code hidden}-1 regression with random values, seeded by its shape and version. */
    private static PosteriorSnapshot snapshot(String model, int features, List<Integer> hidden, long version) {
        ModelSpec spec = ModelSpec.regression(model, features).network(n -> n.withHidden(hidden)).build();
        return PosteriorCodec.toAvro(Samples.posterior(spec, new Random(31 * version + hidden.get(0))), version,
                Samples.TIME + version, null);
    }

    private static List<Keyed> parts(PosteriorSnapshot snapshot) {
        List<Keyed> records = SnapshotParts.of(CODEC, snapshot, MAX_RECORD, PART);
        assertThat(records).as("parts of %s", snapshot.getModelId()).hasSizeGreaterThan(1);
        return records;
    }

    private static List<SnapshotAssembler.Whole> feed(SnapshotAssembler assembler, List<Keyed> records) throws DecodeException {
        List<SnapshotAssembler.Whole> wholes = new ArrayList<>();
        for (Keyed r : records) assembler.accept(r.value()).ifPresent(wholes::add);
        return wholes;
    }
}
