package io.credence.trainer.processor;

import io.credence.avro.StatePart;
import io.credence.avro.TrainerState;
import io.credence.avro.TrainerStateParts;
import io.credence.schemas.parts.Parts;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.SchemaFingerprint;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Each model's TrainerState in the learner store. A state whose encoding fits {@link Parts#MAX_RECORD_BYTES} is one
 * record under the model id, as it always was. A larger one is cut into {@link Parts#PART_BYTES} parts, each a record
 * under {@code <modelId> NUL <index> NUL <generation>}, and the model id holds a {@link TrainerStateParts} naming them
 * with the length and CRC-32C of each and of the whole. A save writes only the parts whose bytes changed (a part whose
 * CRC matches is compared byte for byte with the stored one), under a generation of its own, then the record naming
 * them, then deletes the parts it replaced; a save that changes nothing writes nothing. Parts are never overwritten, so
 * whatever prefix of a save reaches the changelog (at-least-once, where a crash can cut a flush short), the record
 * under the model id names complete parts of one save; parts that no record names are deleted when the model is
 * loaded. Stream thread only, except the static readers (interactive queries).
 */
public final class CheckpointStore {

    /** Separates a model id from a part's index and generation in the store's keys; model ids hold none. */
    private static final char SEPARATOR = '\u0000';
    /** Parts read again when a concurrent save replaces them under an interactive query. */
    private static final int READ_ATTEMPTS = 3;

    private final KeyValueStore<String, byte[]> store;

    /** The checkpoints in {@code store}, the learner store of one task. */
    public CheckpointStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Saves {@code state} as {@code modelId}'s checkpoint, replacing the previous one. */
    public void save(String modelId, TrainerState state) {
        byte[] whole = AvroCodecs.trainerState().encode(state);
        TrainerStateParts before = parts(modelId, store.get(modelId)).orElse(null);
        if (!Parts.tooLargeForOneRecord(whole.length)) {
            store.put(modelId, whole);
            if (before != null) deleteParts(modelId, before.getParts(), 0);
            return;
        }
        List<byte[]> slices = Parts.split(whole, Parts.PART_BYTES);
        long generation = before == null ? 1 : before.getGeneration() + 1;
        List<StatePart> parts = new ArrayList<>(slices.size());
        List<String> replaced = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            byte[] slice = slices.get(i);
            long crc = Parts.crc32c(slice);
            StatePart old = before != null && i < before.getParts().size() ? before.getParts().get(i) : null;
            if (old != null && old.getLength() == slice.length && old.getCrc32c() == crc
                    && Arrays.equals(store.get(partKey(modelId, i, old.getGeneration())), slice)) {
                parts.add(old);
                continue;
            }
            store.put(partKey(modelId, i, generation), slice);
            parts.add(new StatePart(generation, slice.length, crc));
            if (old != null) replaced.add(partKey(modelId, i, old.getGeneration()));
        }
        if (before != null && replaced.isEmpty() && parts.equals(before.getParts())) return; // the same bytes as stored
        store.put(modelId, AvroCodecs.trainerStateParts().encode(new TrainerStateParts(generation, (long) whole.length,
                Parts.crc32c(whole), parts)));
        replaced.forEach(store::delete);
        if (before != null) deleteParts(modelId, before.getParts(), slices.size());
    }

    /**
     * {@code modelId}'s checkpoint, or empty when it has none; deletes the model's parts that no checkpoint names (those
     * of a save cut short).
     *
     * @throws IllegalStateException when it does not decode or its parts are missing or fail their checks
     */
    public Optional<TrainerState> load(String modelId) {
        byte[] value = store.get(modelId);
        if (value == null) return Optional.empty();
        TrainerState state = state(store, modelId, value);
        deleteUnnamedParts(modelId, value);
        return Optional.of(state);
    }

    /**
     * Calls {@code each} with the checkpoints of the first {@code max} models in model id order that {@code skip} does
     * not name, one assembled at a time, as {@link #load} does.
     */
    public void loadFirst(int max, Predicate<String> skip, BiConsumer<String, TrainerState> each) {
        List<KeyValue<String, byte[]>> first = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (first.size() < max && all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                if (kv.key.indexOf(SEPARATOR) < 0 && !skip.test(kv.key)) first.add(kv);
            }
        }
        for (KeyValue<String, byte[]> kv : first) {
            each.accept(kv.key, state(store, kv.key, kv.value));
            deleteUnnamedParts(kv.key, kv.value);
        }
    }

    /**
     * Calls {@code each} with every model's checkpoint in {@code store}, in model id order, one assembled at a time, each
     * read as {@link #read} reads it.
     *
     * @throws IllegalStateException when a checkpoint does not decode or its parts are missing or fail their checks
     */
    public static void forEach(ReadOnlyKeyValueStore<String, byte[]> store, BiConsumer<String, TrainerState> each) {
        List<String> models = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                if (key.indexOf(SEPARATOR) < 0) models.add(key);
            }
        }
        for (String modelId : models) read(store, modelId).ifPresent(state -> each.accept(modelId, state));
    }

    /**
     * {@code modelId}'s checkpoint in {@code store}, or empty when it has none; parts replaced by a concurrent save are
     * read again.
     *
     * @throws IllegalStateException when it does not decode or its parts are missing or fail their checks
     */
    public static Optional<TrainerState> read(ReadOnlyKeyValueStore<String, byte[]> store, String modelId) {
        for (int attempt = 1; ; attempt++) {
            byte[] value = store.get(modelId);
            if (value == null) return Optional.empty();
            try {
                return Optional.of(state(store, modelId, value));
            } catch (IllegalStateException e) {
                if (attempt == READ_ATTEMPTS || Arrays.equals(store.get(modelId), value)) throw e;
            }
        }
    }

    /** The TrainerState that {@code value}, the record under {@code modelId}, holds or names. */
    private static TrainerState state(ReadOnlyKeyValueStore<String, byte[]> store, String modelId, byte[] value) {
        Optional<TrainerStateParts> parts = parts(modelId, value);
        byte[] whole = parts.isPresent() ? assemble(store, modelId, parts.get()) : value;
        return Redecode.of(AvroCodecs.trainerState()::decode, whole, "state of model " + modelId);
    }

    private static byte[] assemble(ReadOnlyKeyValueStore<String, byte[]> store, String modelId, TrainerStateParts parts) {
        List<byte[]> slices = new ArrayList<>(parts.getParts().size());
        for (int i = 0; i < parts.getParts().size(); i++) {
            StatePart part = parts.getParts().get(i);
            byte[] slice = store.get(partKey(modelId, i, part.getGeneration()));
            if (slice == null || slice.length != part.getLength() || Parts.crc32c(slice) != part.getCrc32c()) {
                throw new IllegalStateException("state of model " + modelId + ": part " + i + " of generation "
                        + part.getGeneration() + " is " + (slice == null ? "missing" : "not the one its checkpoint names"));
            }
            slices.add(slice);
        }
        byte[] whole = Parts.join(slices);
        if (whole.length != parts.getLength() || Parts.crc32c(whole) != parts.getCrc32c()) {
            throw new IllegalStateException("state of model " + modelId + ": its parts do not make the " + parts.getLength()
                    + "-byte whole their checkpoint names");
        }
        return whole;
    }

    /** The parts {@code value} names, or empty when it is a TrainerState in one record (or null). */
    private static Optional<TrainerStateParts> parts(String modelId, byte[] value) {
        if (value == null) return Optional.empty();
        Class<?> type;
        try {
            type = SchemaFingerprint.typeOf(value).orElse(null);
        } catch (DecodeException e) {
            throw new IllegalStateException("state of model " + modelId + " is not a single-object record: " + e.getMessage(), e);
        }
        if (type != TrainerStateParts.class) return Optional.empty();
        return Optional.of(Redecode.of(AvroCodecs.trainerStateParts()::decode, value, "parts of the state of model " + modelId));
    }

    private void deleteParts(String modelId, List<StatePart> parts, int from) {
        for (int i = from; i < parts.size(); i++) store.delete(partKey(modelId, i, parts.get(i).getGeneration()));
    }

    /** Deletes {@code modelId}'s parts that {@code value}, the record under its id, does not name. */
    private void deleteUnnamedParts(String modelId, byte[] value) {
        Set<String> named = new HashSet<>();
        parts(modelId, value).ifPresent(p -> {
            for (int i = 0; i < p.getParts().size(); i++) named.add(partKey(modelId, i, p.getParts().get(i).getGeneration()));
        });
        List<String> unnamed = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> keys = store.range(modelId + SEPARATOR, modelId + (char) (SEPARATOR + 1))) {
            while (keys.hasNext()) {
                String key = keys.next().key;
                if (!named.contains(key)) unnamed.add(key);
            }
        }
        unnamed.forEach(store::delete);
    }

    /** The key of part {@code index} written by save {@code generation}; hex digits of fixed width sort in number order. */
    static String partKey(String modelId, int index, long generation) {
        return modelId + SEPARATOR + String.format(Locale.ROOT, "%08x", index) + SEPARATOR + String.format(Locale.ROOT, "%016x", generation);
    }
}
