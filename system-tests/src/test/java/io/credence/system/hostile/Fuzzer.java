package io.credence.system.hostile;

import io.credence.avro.GaussianPrior;
import io.credence.avro.KlMode;
import io.credence.avro.KlSpec;
import io.credence.avro.LabeledRecord;
import io.credence.avro.ModelSpec;
import io.credence.avro.NoiseModel;
import io.credence.avro.NoiseSpec;
import io.credence.avro.OptimizerSpec;
import io.credence.avro.PosteriorInit;
import io.credence.avro.ScaleMixturePrior;
import io.credence.avro.StreamingMode;
import io.credence.avro.StreamingSpec;
import io.credence.avro.Task;
import io.credence.schemas.codec.DeadLetters;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.SchemaFingerprint;
import io.credence.system.harness.Wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A seeded generator of hostile input for the pipeline: for each input topic, records of every kind of attack in turn
 * (random bytes, tombstones, unknown and foreign schema fingerprints, truncated and padded Avro, NaN/Inf/1e308 values,
 * empty, mis-sized and huge feature arrays, blank ids, bad weights and labels, unknown models, bad sample counts, every
 * way a spec can be invalid), and hostile POST /predict bodies. Each record says which error classes its dead letter
 * may carry. The same seed gives the same records.
 */
final class Fuzzer {

    static final String LABELED = "labeled-records";
    static final String SPECS = "model-specs";
    static final String FEATURES = "feature-records";
    /** Heap a model may need in the trainer under attack (credence.trainer.max-model-mib), MiB: a hidden [512, 512] spec is over it. */
    static final int MAX_MODEL_MIB = 64;

    private static final byte[] MARKER = {(byte) 0xC3, 0x01};

    private final Random random;
    private final String model;
    private final String classifier;
    private int serial;

    /**
     * A fuzzer aiming at {@code model} (a 1-feature regression model with a snapshot) and {@code classifier} (a
     * 1-feature, 2-class model known to the trainer).
     */
    Fuzzer(long seed, String model, String classifier) {
        this.random = new Random(seed);
        this.model = model;
        this.classifier = classifier;
    }

    /** {@code n} hostile labeled records, every kind in turn. */
    List<Hostile> labeled(int n) {
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = serial++;
            byte[] key = random.nextBoolean() ? null : randomBytes(random.nextInt(40));
            out.add(switch (i % 14) {
                case 13 -> new Hostile("LONG_MODEL_ID", LABELED, key, labeled("m".repeat(256 + random.nextInt(200_000)),
                        new double[] {0.5}, 1.0, null), Set.of("MALFORMED"));
                case 0 -> new Hostile("RANDOM_BYTES", LABELED, key, randomBytes(random.nextInt(300)), Set.of("MALFORMED"));
                case 1 -> new Hostile("TOMBSTONE", LABELED, key, null, Set.of("MALFORMED"));
                case 2 -> new Hostile("UNKNOWN_FINGERPRINT", LABELED, key, unknownFingerprint(), Set.of("WRONG_SCHEMA"));
                case 3 -> new Hostile("FOREIGN_SCHEMA", LABELED, key, Wire.feature(model, "x" + id, new double[] {1}, null),
                        Set.of("WRONG_SCHEMA"));
                case 4 -> new Hostile("TRUNCATED", LABELED, key, truncated(labeled(model, new double[] {0.5}, 1.0, null)),
                        Set.of("MALFORMED"));
                case 5 -> new Hostile("TRAILING_BYTES", LABELED, key, padded(labeled(model, new double[] {0.5}, 1.0, null)),
                        Set.of("MALFORMED"));
                case 6 -> new Hostile("NON_FINITE", LABELED, key, nonFiniteLabeled(), Set.of("NON_FINITE"));
                case 7 -> new Hostile("EMPTY_FEATURES", LABELED, key, labeled(model, new double[0], 1.0, null), Set.of("FEATURE_COUNT"));
                case 8 -> new Hostile("WRONG_FEATURE_COUNT", LABELED, key,
                        labeled(model, gaussian(2 + random.nextInt(50)), 1.0, null), Set.of("FEATURE_COUNT"));
                case 9 -> new Hostile("BLANK_MODEL_ID", LABELED, key,
                        labeled(random.nextBoolean() ? "" : "   ", new double[] {0.5}, 1.0, null), Set.of("MALFORMED"));
                case 10 -> new Hostile("BAD_WEIGHT", LABELED, key, labeled(model, new double[] {0.5}, 1.0,
                        pick(-1.0, 0.0, Double.NaN, 1e7, Double.POSITIVE_INFINITY)), Set.of("BAD_WEIGHT"));
                case 11 -> new Hostile("LABEL_OUT_OF_RANGE", LABELED, key,
                        labeled(classifier, new double[] {0.5}, pick(2.0, -1.0, 0.5, 1e9), null), Set.of("LABEL_RANGE"));
                default -> new Hostile("NON_FINITE_LABEL", LABELED, key,
                        labeled(model, new double[] {0.5}, pick(Double.NaN, Double.NEGATIVE_INFINITY, 1e16), null),
                        Set.of("NON_FINITE"));
            });
        }
        return out;
    }

    /**
     * {@code n} labeled records whose feature array makes the value {@code bytes} long: FEATURE_COUNT up to the apps'
     * input limit, TOO_LARGE (bytes not copied) beyond it.
     */
    List<Hostile> hugeLabeled(int n, int bytes) {
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Hostile("HUGE_FEATURES_" + sizeClass(bytes), LABELED, null, sized(bytes,
                    size -> labeled(model, new double[size], 1.0, null)), hugeClass(bytes, "FEATURE_COUNT")));
        }
        return out;
    }

    /** {@code n} hostile specs: undecodable, keyed by another model's id, or invalid in one field. */
    List<Hostile> specs(int n) {
        List<Consumer<ModelSpec.Builder>> invalid = invalidSpecFields();
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = serial++;
            // Half aim at the live model, which must keep its spec; half at ids no model has.
            String target = random.nextBoolean() ? model : "spec-" + id;
            byte[] key = Wire.utf8(target);
            int kind = i % (6 + invalid.size());
            out.add(switch (kind) {
                case 0 -> new Hostile("RANDOM_BYTES", SPECS, key, randomBytes(1 + random.nextInt(300)), Set.of("MALFORMED"));
                case 1 -> new Hostile("UNKNOWN_FINGERPRINT", SPECS, key, unknownFingerprint(), Set.of("WRONG_SCHEMA"));
                case 2 -> new Hostile("FOREIGN_SCHEMA", SPECS, key, labeled(target, new double[] {1}, 1.0, null), Set.of("WRONG_SCHEMA"));
                case 3 -> new Hostile("TRUNCATED", SPECS, key, truncated(Wire.spec(validSpec(target).build())), Set.of("MALFORMED"));
                case 4 -> new Hostile("TRAILING_BYTES", SPECS, key, padded(Wire.spec(validSpec(target).build())), Set.of("MALFORMED"));
                case 5 -> new Hostile("KEY_IS_NOT_MODEL_ID", SPECS, Wire.utf8("other-" + id),
                        Wire.spec(validSpec(target).build()), Set.of("INVALID_SPEC"));
                default -> {
                    ModelSpec.Builder spec = validSpec(target);
                    invalid.get(kind - 6).accept(spec);
                    yield new Hostile("INVALID_SPEC", SPECS, Wire.utf8(spec.getModelId()), Wire.spec(spec.build()),
                            Set.of("INVALID_SPEC"));
                }
            });
        }
        return out;
    }

    /** {@code n} hostile feature records, every kind in turn. */
    List<Hostile> features(int n) {
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = serial++;
            String request = "bad-" + id;
            byte[] key = random.nextBoolean() ? null : Wire.utf8(request);
            out.add(switch (i % 11) {
                case 0 -> new Hostile("RANDOM_BYTES", FEATURES, key, randomBytes(random.nextInt(300)), Set.of("MALFORMED"));
                case 1 -> new Hostile("TOMBSTONE", FEATURES, key, null, Set.of("MALFORMED"));
                case 2 -> new Hostile("UNKNOWN_FINGERPRINT", FEATURES, key, unknownFingerprint(), Set.of("WRONG_SCHEMA"));
                case 3 -> new Hostile("FOREIGN_SCHEMA", FEATURES, key, labeled(model, new double[] {1}, 1.0, null), Set.of("WRONG_SCHEMA"));
                case 4 -> new Hostile("TRUNCATED", FEATURES, key, truncated(Wire.feature(model, request, new double[] {0.5}, null)),
                        Set.of("MALFORMED"));
                case 5 -> new Hostile("TRAILING_BYTES", FEATURES, key, padded(Wire.feature(model, request, new double[] {0.5}, null)),
                        Set.of("MALFORMED"));
                case 6 -> new Hostile("NON_FINITE", FEATURES, key, Wire.feature(model, request,
                        new double[] {pick(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, -1e16)}, null),
                        Set.of("NON_FINITE"));
                case 7 -> new Hostile("EMPTY_FEATURES", FEATURES, key, Wire.feature(model, request, new double[0], null),
                        Set.of("FEATURE_COUNT"));
                case 8 -> new Hostile("WRONG_FEATURE_COUNT", FEATURES, key,
                        Wire.feature(model, request, gaussian(2 + random.nextInt(50)), null), Set.of("FEATURE_COUNT"));
                case 9 -> new Hostile("UNKNOWN_MODEL", FEATURES, key,
                        Wire.feature(randomId(), request, new double[] {0.5}, null), Set.of("UNKNOWN_MODEL"));
                default -> new Hostile("BAD_SAMPLES", FEATURES, key, Wire.feature(model, request, new double[] {0.5},
                        pick(0, -1, 10_001, Integer.MAX_VALUE, Integer.MIN_VALUE)), Set.of("BAD_SAMPLES"));
            });
        }
        return out;
    }

    /** {@code n} feature records whose feature array makes the value {@code bytes} long (error class as for labeled). */
    List<Hostile> hugeFeatures(int n, int bytes) {
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String request = "bad-" + serial++;
            out.add(new Hostile("HUGE_FEATURES_" + sizeClass(bytes), FEATURES, Wire.utf8(request), sized(bytes,
                    size -> Wire.feature(model, request, new double[size], null)), hugeClass(bytes, "FEATURE_COUNT")));
        }
        return out;
    }

    /** {@code n} specs too large to be inputs: a hidden-width list of half a million entries. */
    List<Hostile> hugeSpecs(int n) {
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ModelSpec.Builder spec = validSpec(model).setHidden(Collections.nCopies(DeadLetters.MAX_INPUT_BYTES + 1000, 8));
            out.add(new Hostile("HUGE_SPEC", SPECS, Wire.utf8(model), Wire.spec(spec.build()), Set.of(DeadLetters.TOO_LARGE)));
        }
        return out;
    }

    /** "UNDER_INPUT_LIMIT" or "OVER_INPUT_LIMIT": where {@code bytes} lies against the apps' input limit. */
    private static String sizeClass(int bytes) {
        return bytes > DeadLetters.MAX_INPUT_BYTES ? "OVER_INPUT_LIMIT" : "UNDER_INPUT_LIMIT";
    }

    private static Set<String> hugeClass(int bytes, String underLimit) {
        return Set.of(bytes > DeadLetters.MAX_INPUT_BYTES ? DeadLetters.TOO_LARGE : underLimit);
    }

    /** {@code n} hostile POST /predict bodies (the ones over the server's body limit excepted), every kind in turn. */
    List<HostileRequest> requests(int n) {
        List<HostileRequest> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (i % 15) {
                case 0 -> json("INVALID_JSON", new String(randomBytes(1 + random.nextInt(200)), StandardCharsets.ISO_8859_1));
                case 1 -> json("EMPTY_BODY", "");
                case 2 -> json("NAN_AS_STRING", "{\"modelId\":\"" + model + "\",\"features\":[\"NaN\"]}");
                case 3 -> json("NON_FINITE", "{\"modelId\":\"" + model + "\",\"features\":[" + pick("1e308", "-1e308", "1e16") + "]}");
                case 4 -> json("OVERFLOWING_LITERAL", "{\"modelId\":\"" + model + "\",\"features\":[1e999]}");
                case 5 -> json("EMPTY_FEATURES", "{\"modelId\":\"" + model + "\",\"features\":[]}");
                case 6 -> json("WRONG_FEATURE_COUNT", "{\"modelId\":\"" + model + "\",\"features\":[1,2,3]}");
                case 7 -> json("UNKNOWN_MODEL", "{\"modelId\":\"" + randomId() + "\",\"features\":[0.5]}");
                case 8 -> json("NO_MODEL_ID", "{\"features\":[0.5]}");
                case 9 -> json("BAD_SAMPLES", "{\"modelId\":\"" + model + "\",\"features\":[0.5],\"samples\":"
                        + pick("0", "-3", "10001", "99999999999") + "}");
                case 10 -> new HostileRequest("WRONG_CONTENT_TYPE", "text/plain",
                        ("{\"modelId\":\"" + model + "\",\"features\":[0.5]}").getBytes(StandardCharsets.UTF_8));
                case 11 -> json("DEEP_NESTING", "[".repeat(50_000));
                case 12 -> json("STRING_FEATURES", "{\"modelId\":\"" + model + "\",\"features\":[\"abc\"]}");
                case 13 -> json("NULL_FEATURES", "{\"modelId\":\"" + model + "\",\"features\":null}");
                default -> json("HUGE_FEATURES", "{\"modelId\":\"" + model + "\",\"features\":["
                        + String.join(",", Collections.nCopies(50_000, "0.5")) + "]}");
            });
        }
        return out;
    }

    /** A POST /predict body over the server's 1 MiB request limit. */
    HostileRequest oversizedRequest() {
        return json("BODY_OVER_LIMIT", "{\"modelId\":\"" + model + "\",\"features\":["
                + String.join(",", Collections.nCopies(300_000, "0.125")) + "]}");
    }

    /** The single-object bytes of a labeled record (invalid ones included). */
    static byte[] labeled(String modelId, double[] features, double label, Double weight) {
        return AvroCodecs.labeledRecord().encode(LabeledRecord.newBuilder()
                .setModelId(modelId)
                .setFeatures(Arrays.stream(features).boxed().toList())
                .setLabel(label)
                .setWeight(weight)
                .setEventTime(Instant.ofEpochMilli(0))
                .build());
    }

    /** Random bytes that do not start with the Avro single-object marker. */
    private byte[] randomBytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        if (length >= 2 && b[0] == MARKER[0] && b[1] == MARKER[1]) b[0] = 0;
        return b;
    }

    /** The single-object marker, a fingerprint of no Credence schema, and a random body. */
    private byte[] unknownFingerprint() {
        while (true) {
            byte[] b = randomBytes(SchemaFingerprint.HEADER_LENGTH + random.nextInt(100));
            b[0] = MARKER[0];
            b[1] = MARKER[1];
            try {
                if (SchemaFingerprint.typeOf(b).isEmpty()) return b;
            } catch (DecodeException e) {
                throw new IllegalStateException("a payload with the marker has a readable header", e);
            }
        }
    }

    /** A strict prefix of {@code valid}, from 1 byte to one byte short. */
    private byte[] truncated(byte[] valid) {
        return Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
    }

    /** {@code valid} followed by 1 to 16 random bytes. */
    private byte[] padded(byte[] valid) {
        byte[] extra = randomBytes(1 + random.nextInt(16));
        byte[] out = Arrays.copyOf(valid, valid.length + extra.length);
        System.arraycopy(extra, 0, out, valid.length, extra.length);
        return out;
    }

    private byte[] nonFiniteLabeled() {
        double[] features = {pick(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, -1e16)};
        return labeled(model, features, 1.0, null);
    }

    /** The encoding whose length is {@code bytes} or a few bytes less, from an encoder of n-feature records. */
    private static byte[] sized(int bytes, java.util.function.IntFunction<byte[]> encoder) {
        int empty = encoder.apply(0).length;
        int n = (bytes - empty - 5) / Double.BYTES;
        byte[] out = encoder.apply(n);
        if (out.length > bytes) throw new IllegalStateException("a " + n + "-feature record is " + out.length + " bytes, over " + bytes);
        return out;
    }

    private double[] gaussian(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = random.nextGaussian();
        return x;
    }

    private String randomId() {
        return "unknown-" + Long.toHexString(random.nextLong());
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static HostileRequest json(String kind, String body) {
        return new HostileRequest(kind, "application/json", body.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A valid spec of {@code modelId} (1 feature, hidden [8]) as an Avro builder, for one field to be broken. */
    private static ModelSpec.Builder validSpec(String modelId) {
        return ModelSpec.newBuilder(Wire.avroSpec(io.credence.bnn.spec.ModelSpec.regression(modelId, 1)
                .network(n -> n.withHidden(8)).optimiser(o -> o.withBatchSize(16)).build()));
    }

    /** One way each to make a spec invalid, named by the ModelSpec rule it breaks. */
    private static List<Consumer<ModelSpec.Builder>> invalidSpecFields() {
        return List.of(
                s -> s.setPrior(new GaussianPrior(0.0, -1.0)),
                s -> s.setPrior(new GaussianPrior(0.0, 0.0)),
                s -> s.setPrior(new GaussianPrior(0.0, Double.NaN)),
                s -> s.setPrior(new ScaleMixturePrior(0.5, 1.0, 0.1)).setKl(KlSpec.newBuilder().setMode(KlMode.ANALYTIC).setWeight(1.0).build()),
                s -> s.setBatchSize(0),
                s -> s.setBatchSize(-5),
                s -> s.setBatchSize(1_000_000),
                s -> s.setHidden(List.of(100_000)),
                s -> s.setHidden(List.of(4096, 4096)),
                s -> s.setHidden(Collections.nCopies(9, 8)),
                s -> s.setHidden(List.of(0)),
                s -> s.setHidden(List.of(-3)),
                s -> s.setHidden(List.of(512, 512)), // valid for ModelSpec, but needs about 66 MiB: over MAX_MODEL_MIB
                s -> s.setModelId("m".repeat(256)),
                s -> s.setFeatures(0),
                s -> s.setFeatures(-1),
                s -> s.setFeatures(5000),
                s -> s.setOptimizer(OptimizerSpec.newBuilder().setLearningRate(-0.1).setClipNorm(10.0).setAveragingDecay(null).build()),
                s -> s.setOptimizer(OptimizerSpec.newBuilder().setLearningRate(Double.NaN).setClipNorm(10.0).setAveragingDecay(null).build()),
                s -> s.setOptimizer(OptimizerSpec.newBuilder().setLearningRate(Double.POSITIVE_INFINITY).setClipNorm(10.0).setAveragingDecay(null).build()),
                s -> s.setOptimizer(OptimizerSpec.newBuilder().setLearningRate(0.0).setClipNorm(10.0).setAveragingDecay(null).build()),
                s -> s.setOptimizer(OptimizerSpec.newBuilder().setLearningRate(0.01).setClipNorm(10.0).setAveragingDecay(1.0).build()),
                s -> s.setOptimizer(OptimizerSpec.newBuilder().setLearningRate(0.01).setClipNorm(10.0).setAveragingDecay(Double.NaN).build()),
                s -> s.setTask(Task.CLASSIFICATION).setClasses(1),
                s -> s.setClasses(3),
                s -> s.setIntervalLevel(1.5),
                s -> s.setSnapshotEveryUpdates(0).setSnapshotEverySeconds(0.0),
                s -> s.setNoise(NoiseSpec.newBuilder().setModel(NoiseModel.HOMOSCEDASTIC).setSigma(-1.0).setDegreesOfFreedom(null).build()),
                s -> s.setNoise(NoiseSpec.newBuilder().setModel(NoiseModel.HETEROSCEDASTIC).setSigma(0.5).setDegreesOfFreedom(2.0).build()),
                s -> s.setStreaming(StreamingSpec.newBuilder().setMode(StreamingMode.POSTERIOR_AS_PRIOR).setEffectiveDataSize(100L).setTempering(0.5).build()),
                s -> s.setStreaming(StreamingSpec.newBuilder().setMode(StreamingMode.EFFECTIVE_DATA_SIZE).setEffectiveDataSize(0L).setTempering(1.0).build()),
                s -> s.setScoreSamples(0),
                s -> s.setScoreSamples(20_000),
                s -> s.setStepsPerBatch(5000),
                s -> s.setTrainSamples(0),
                s -> s.setPosteriorInit(PosteriorInit.newBuilder().setMuInitStd(-1.0).setRhoInit(-5.0).build()),
                s -> s.setPosteriorInit(PosteriorInit.newBuilder().setMuInitStd(1.0).setRhoInit(Double.NaN).build()),
                s -> s.setKl(KlSpec.newBuilder().setMode(KlMode.ANALYTIC).setWeight(-1.0).build()),
                s -> s.setModelId(""));
    }
}
