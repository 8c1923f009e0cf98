package io.credence.schemas.parts;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.SnapshotPart;
import io.credence.schemas.serde.TopicCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * The records that publish one posterior snapshot on posterior-snapshots: one record keyed by the model id when its
 * encoding fits {@link Parts#MAX_RECORD_BYTES}, otherwise its parts ({@link SnapshotPart}: the whole encoding cut into
 * {@link Parts#PART_BYTES} slices, each in a snapshot with the whole's other fields and no layers), keyed as
 * {@link SnapshotKeys} says. Written in order, in one transaction under exactly-once, on the model id's partition, they
 * are read back by {@link SnapshotAssembler}.
 */
public final class SnapshotParts {

    /** One record to write: its key and value. */
    public record Keyed(byte[] key, byte[] value) {}

    private SnapshotParts() {}

    /** The records of {@code snapshot} in {@code codec}'s framing, in the order they must be written. */
    public static List<Keyed> of(TopicCodec<PosteriorSnapshot> codec, PosteriorSnapshot snapshot) {
        return of(codec, snapshot, Parts.MAX_RECORD_BYTES, Parts.PART_BYTES);
    }

    /**
     * As {@link #of(TopicCodec, PosteriorSnapshot)} with other limits than Credence's (tests use small ones).
     *
     * @param maxRecordBytes largest encoding written as one record
     * @param partBytes      bytes of every part but the last
     */
    public static List<Keyed> of(TopicCodec<PosteriorSnapshot> codec, PosteriorSnapshot snapshot, int maxRecordBytes, int partBytes) {
        if (snapshot.getPart() != null) {
            throw new IllegalArgumentException("snapshot of model " + snapshot.getModelId() + " is already a part");
        }
        String modelId = snapshot.getModelId();
        byte[] whole = codec.encode(snapshot);
        if (whole.length <= maxRecordBytes) return List.of(new Keyed(SnapshotKeys.of(modelId), whole));
        List<byte[]> slices = Parts.split(whole, partBytes);
        long crc = Parts.crc32c(whole);
        PosteriorSnapshot header = withoutLayers(snapshot);
        List<Keyed> records = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            header.setPart(new SnapshotPart(i, slices.size(), (long) whole.length, crc, java.nio.ByteBuffer.wrap(slices.get(i))));
            records.add(new Keyed(SnapshotKeys.ofPart(modelId, i), codec.encode(header)));
        }
        return records;
    }

    /** A shallow copy of {@code snapshot} (every field, whatever the schema version) with no layers. */
    private static PosteriorSnapshot withoutLayers(PosteriorSnapshot snapshot) {
        PosteriorSnapshot header = new PosteriorSnapshot();
        for (int field = 0; field < PosteriorSnapshot.SCHEMA$.getFields().size(); field++) header.put(field, snapshot.get(field));
        header.setLayers(List.of());
        return header;
    }
}
