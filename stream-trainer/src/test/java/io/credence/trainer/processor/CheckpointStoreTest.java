package io.credence.trainer.processor;

import io.credence.avro.TrainerState;
import io.credence.avro.TrainerStateParts;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.parts.Parts;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints in a real RocksDB store: a small state is one record, byte for byte as before parts existed; a large one
 * comes back whole from its parts, rewrites only the parts that changed, leaves no part of an older, larger state
 * behind, and a save cut short loads as the state before it.
 */
class CheckpointStoreTest {

    @TempDir
    Path stateDir;

    private KeyValueStore<String, byte[]> store;
    private CheckpointStore checkpoints;

    @BeforeEach
    void open() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>(new Properties(),
                new org.apache.kafka.streams.processor.TaskId(0, 0), stateDir.toFile());
        store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LearnerProcessor.LEARNER_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        checkpoints = new CheckpointStore(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSmallStateIsOneRecordUnderItsModelIdAsBefore() {
        TrainerState state = state("small", 8, 1);

        checkpoints.save("small", state);

        assertThat(keys()).containsExactly("small");
        assertThat(store.get("small")).isEqualTo(AvroCodecs.trainerState().encode(state));
        assertThat(restored()).containsExactly(Map.entry("small", state));
        assertThat(CheckpointStore.read(store, "small")).contains(state);
        assertThat(CheckpointStore.read(store, "other")).isEmpty();
    }

    @Test
    void aLargeStateIsKeptInPartsEachUnderAKafkaRecordAndComesBackWhole() {
        TrainerState state = state("large", 300, 1);
        int encoded = AvroCodecs.trainerState().encode(state).length;

        checkpoints.save("large", state);

        TrainerStateParts parts = parts("large");
        assertThat(encoded).isGreaterThan(Parts.MAX_RECORD_BYTES);
        assertThat(parts.getParts()).hasSize((encoded + Parts.PART_BYTES - 1) / Parts.PART_BYTES);
        assertThat(parts.getLength()).isEqualTo(encoded);
        assertThat(keys()).hasSize(parts.getParts().size() + 1);
        assertThat(values()).allSatisfy(v -> assertThat(v.length).isLessThanOrEqualTo(Parts.MAX_RECORD_BYTES));
        assertThat(restored()).containsExactly(Map.entry("large", state));
        assertThat(CheckpointStore.read(store, "large")).contains(state);
    }

    @Test
    void aSaveRewritesOnlyThePartsThatChangedAndASaveOfTheSameStateWritesNothing() throws DecodeException {
        TrainerState first = state("large", 300, 1);
        checkpoints.save("large", first);
        TrainerState later = AvroCodecs.trainerState().decode(AvroCodecs.trainerState().encode(first));
        later.setLastRecordMillis(first.getLastRecordMillis() + 1); // the record's last field: only the last part changes

        checkpoints.save("large", later);

        TrainerStateParts parts = parts("large");
        int last = parts.getParts().size() - 1;
        assertThat(parts.getGeneration()).isEqualTo(2);
        assertThat(parts.getParts().subList(0, last)).allSatisfy(p -> assertThat(p.getGeneration()).isEqualTo(1));
        assertThat(parts.getParts().get(last).getGeneration()).isEqualTo(2);
        assertThat(keys()).hasSize(parts.getParts().size() + 1); // the replaced part is gone
        assertThat(restored()).containsExactly(Map.entry("large", later));

        checkpoints.save("large", later);
        assertThat(parts("large").getGeneration()).isEqualTo(2);
    }

    @Test
    void noPartOfAnOlderLargerStateIsLeftOrMixedIn() {
        checkpoints.save("m", state("m", 400, 1));
        int before = parts("m").getParts().size();
        TrainerState smaller = state("m", 200, 2);

        checkpoints.save("m", smaller);

        assertThat(parts("m").getParts()).hasSizeLessThan(before);
        assertThat(keys()).hasSize(parts("m").getParts().size() + 1);
        assertThat(restored()).containsExactly(Map.entry("m", smaller));

        TrainerState small = state("m", 8, 3);
        checkpoints.save("m", small);
        assertThat(keys()).containsExactly("m");
        assertThat(restored()).containsExactly(Map.entry("m", small));

        TrainerState largeAgain = state("m", 300, 4);
        checkpoints.save("m", largeAgain);
        assertThat(parts("m").getGeneration()).isEqualTo(1);
        assertThat(restored()).containsExactly(Map.entry("m", largeAgain));
    }

    @Test
    void aSaveCutShortBeforeItsRecordRestoresTheStateBeforeItAndDropsItsParts() {
        TrainerState saved = state("m", 300, 1);
        checkpoints.save("m", saved);
        int kept = keys().size();
        // What reaches the store of the next save when a crash cuts it short (at-least-once): some of its parts.
        byte[] next = AvroCodecs.trainerState().encode(state("m", 300, 2));
        List<byte[]> slices = Parts.split(next, Parts.PART_BYTES);
        for (int i = 0; i < 3; i++) store.put(CheckpointStore.partKey("m", i, 2), slices.get(i));

        assertThat(restored()).containsExactly(Map.entry("m", saved));
        assertThat(keys()).hasSize(kept);
        assertThat(restored()).containsExactly(Map.entry("m", saved));
    }

    @Test
    void loadingOneModelReadsItsCheckpointAndDropsItsUnnamedParts() {
        TrainerState saved = state("m", 300, 1);
        checkpoints.save("m", saved);
        int kept = keys().size();
        store.put(CheckpointStore.partKey("m", 0, 2), new byte[] {1, 2, 3}); // a part of a save cut short

        assertThat(checkpoints.load("m")).contains(saved);
        assertThat(keys()).hasSize(kept);
        assertThat(checkpoints.load("nobody")).isEmpty();
    }

    @Test
    void theFirstModelsLoadInModelIdOrderSkippingThoseAsked() {
        checkpoints.save("c", state("c", 8, 1));
        checkpoints.save("a", state("a", 300, 2));
        checkpoints.save("b", state("b", 8, 3));
        List<String> loaded = new ArrayList<>();

        checkpoints.loadFirst(2, "a"::equals, (modelId, state) -> loaded.add(modelId));

        assertThat(loaded).containsExactly("b", "c");
    }

    @Test
    void modelsInOneRecordAndInPartsRestoreSideBySideInModelIdOrder() {
        TrainerState a = state("a", 300, 1);
        TrainerState b = state("b", 8, 2);
        TrainerState ab = state("ab", 300, 3); // sorts between a's parts and b
        checkpoints.save("b", b);
        checkpoints.save("ab", ab);
        checkpoints.save("a", a);

        Map<String, TrainerState> all = restored();

        assertThat(all.keySet()).containsExactly("a", "ab", "b");
        assertThat(all).containsEntry("a", a).containsEntry("ab", ab).containsEntry("b", b);
    }

    @Test
    void aPartThatIsNotTheOneItsCheckpointNamesFailsTheRestoreNamingTheModel() {
        checkpoints.save("m", state("m", 300, 1));
        String second = CheckpointStore.partKey("m", 1, 1);
        byte[] part = store.get(second).clone();
        part[10] ^= 1;
        store.put(second, part);

        assertThatThrownBy(this::restored).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("state of model m: part 1 of generation 1 is not the one its checkpoint names");
    }

    /** A learner's state with a [width] hidden layer, its values drawn from {@code seed} (a few updates' worth). */
    private static TrainerState state(String modelId, int width, long seed) {
        ModelSpec spec = ModelSpec.regression(modelId, 13).network(n -> n.withHidden(width, width))
                .optimiser(o -> o.withBatchSize(8)).seed(seed).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        Random random = new Random(seed);
        double[][] x = new double[8][13];
        double[] y = new double[8];
        for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = random.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = random.nextGaussian();
        learner.learn(x, y, null);
        return LearnerStateCodec.toAvro(learner.state(), seed, 1_700_000_000_000L + seed).setLastRecordMillis(seed).build();
    }

    private Map<String, TrainerState> restored() {
        Map<String, TrainerState> all = new LinkedHashMap<>();
        checkpoints.loadFirst(Integer.MAX_VALUE, modelId -> false, all::put);
        return all;
    }

    private TrainerStateParts parts(String modelId) {
        try {
            return AvroCodecs.trainerStateParts().decode(store.get(modelId));
        } catch (DecodeException e) {
            throw new AssertionError("the record under " + modelId + " names no parts", e);
        }
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private List<byte[]> values() {
        List<byte[]> values = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> values.add(kv.value));
        }
        return values;
    }
}
