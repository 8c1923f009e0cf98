package io.credence.schemas.parts;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.SnapshotPart;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.TopicCodec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads posterior-snapshots records, in offset order, into whole snapshots. A record in one piece is a whole snapshot
 * at once. A part is kept until every part of its whole has arrived: parts belong to the same whole when model id,
 * version, count, length and CRC-32C agree, so a part of any other whole (an older version's part that compaction
 * kept, the parts of an attempt that a crash cut short and the trainer published again) starts the model's assembly
 * afresh, and a whole is never made of two. The whole is then checked (length, CRC-32C, its own model id and version)
 * and decoded. Holds at most one incomplete whole per model. Not thread-safe.
 */
public final class SnapshotAssembler {

    /**
     * A whole snapshot.
     *
     * @param snapshot the snapshot, with every layer and no part
     * @param bytes    its encoding as one record of the topic (the record's value, or the parts joined)
     */
    public record Whole(PosteriorSnapshot snapshot, byte[] bytes) {}

    private final TopicCodec<PosteriorSnapshot> codec;
    private final Map<String, Assembly> assemblies = new HashMap<>();

    /** An assembler of the records {@code codec} reads. */
    public SnapshotAssembler(TopicCodec<PosteriorSnapshot> codec) {
        this.codec = codec;
    }

    /**
     * Reads the next record value of the topic.
     *
     * @return the whole snapshot this record completes, or empty while parts of it are missing
     * @throws DecodeException when the record does not decode, a part contradicts itself, or the parts joined fail
     *                         their checks (MALFORMED) or do not decode; the model's incomplete parts are dropped
     */
    public Optional<Whole> accept(byte[] value) throws DecodeException {
        PosteriorSnapshot read = codec.decode(value);
        String modelId = read.getModelId();
        SnapshotPart part = read.getPart();
        if (part == null) {
            assemblies.remove(modelId); // a newer record of the model: its incomplete parts can no longer complete
            return Optional.of(new Whole(read, value));
        }
        Assembly assembly = assemblies.get(modelId);
        if (assembly == null || !assembly.holds(read.getVersion(), part)) {
            assemblies.remove(modelId);
            assembly = new Assembly(modelId, read.getVersion(), check(modelId, read.getVersion(), part));
            assemblies.put(modelId, assembly);
        }
        try {
            assembly.add(part);
            if (!assembly.complete()) return Optional.empty();
            assemblies.remove(modelId);
            return Optional.of(assembly.whole(codec));
        } catch (DecodeException e) {
            assemblies.remove(modelId);
            throw e;
        }
    }

    /** Drops {@code modelId}'s incomplete parts (its snapshot was deleted). */
    public void forget(String modelId) {
        assemblies.remove(modelId);
    }

    /** Models with parts waiting for the rest of their whole. */
    public int incomplete() {
        return assemblies.size();
    }

    private static SnapshotPart check(String modelId, long version, SnapshotPart part) throws DecodeException {
        if (part.getCount() < 2 || part.getIndex() < 0 || part.getIndex() >= part.getCount()
                || part.getLength() < part.getCount() || part.getLength() > Integer.MAX_VALUE - 8
                || part.getCrc32c() < 0 || part.getCrc32c() > 0xFFFF_FFFFL) {
            throw malformed(modelId, version, "part " + part.getIndex() + " of " + part.getCount() + " of a " + part.getLength()
                    + "-byte whole with CRC-32C " + part.getCrc32c() + " is impossible");
        }
        return part;
    }

    private static DecodeException malformed(String modelId, long version, String why) {
        return new DecodeException(DecodeException.MALFORMED, "posterior snapshot of model " + modelId + " version " + version
                + " in parts: " + why);
    }

    /** The parts of one whole received so far. */
    private static final class Assembly {
        private final String modelId;
        private final long version;
        private final int count;
        private final long length;
        private final long crc32c;
        private final Map<Integer, byte[]> parts = new HashMap<>();
        private long received;

        Assembly(String modelId, long version, SnapshotPart first) {
            this.modelId = modelId;
            this.version = version;
            this.count = first.getCount();
            this.length = first.getLength();
            this.crc32c = first.getCrc32c();
        }

        boolean holds(long version, SnapshotPart part) {
            return this.version == version && count == part.getCount() && length == part.getLength() && crc32c == part.getCrc32c();
        }

        void add(SnapshotPart part) throws DecodeException {
            ByteBuffer buffer = part.getBytes();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            byte[] before = parts.put(part.getIndex(), bytes); // the same part again: the same whole, so the same bytes
            received += bytes.length - (before == null ? 0 : before.length);
            if (received > length) throw malformed(modelId, version, "its parts hold more than the " + length + " bytes of the whole");
        }

        boolean complete() {
            return parts.size() == count;
        }

        Whole whole(TopicCodec<PosteriorSnapshot> codec) throws DecodeException {
            List<byte[]> ordered = new ArrayList<>(count);
            for (int i = 0; i < count; i++) ordered.add(parts.get(i));
            byte[] whole = Parts.join(ordered);
            if (whole.length != length) throw malformed(modelId, version, "its parts hold " + whole.length + " bytes, not " + length);
            long crc = Parts.crc32c(whole);
            if (crc != crc32c) throw malformed(modelId, version, "the whole's CRC-32C is " + crc + ", not " + crc32c);
            PosteriorSnapshot snapshot = codec.decode(whole);
            if (snapshot.getPart() != null || !snapshot.getModelId().equals(modelId) || snapshot.getVersion() != version) {
                throw malformed(modelId, version, "the whole is " + (snapshot.getPart() != null ? "itself a part" : "version "
                        + snapshot.getVersion() + " of model " + snapshot.getModelId()));
            }
            return new Whole(snapshot, whole);
        }
    }
}
