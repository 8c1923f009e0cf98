package io.credence.schemas.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes a {@link ModelSpec} as the human-friendly JSON of {@code spec.json} files (CLI) and HTTP bodies.
 *
 * <p>The format is one JSON object whose keys are the components of {@link ModelSpec}, with the same names and
 * meanings (see its Javadoc). {@code modelId}, {@code task} and {@code features} are required, and {@code classes} for
 * a classifier; every other key is optional, and an omitted key, or one set to {@code null}, takes the core default
 * for the task ({@link ModelSpec#regression}, {@link ModelSpec#classification}). Enum values are their names, in any
 * case. The prior is an object tagged by {@code type}: {@code {"type": "gaussian", "mean": m, "sigma": s}} or
 * {@code {"type": "scaleMixture", "pi": p, "sigma1": s1, "sigma2": s2}}; a scale-mixture prior without an explicit
 * {@code klMode} uses MONTE_CARLO, its only option. {@code noiseDegreesOfFreedom} (&gt; 2) makes the noise Student-t;
 * the string {@code "Infinity"} (or {@code "inf"}, in any case) makes it Gaussian; omitted or {@code null}, it takes
 * the default (Student-t with 4 degrees of freedom). {@code replayWindow}, {@code replaySteps} and
 * {@code replayBudget} set rehearsal (a window of 0 turns it off); each omitted one keeps its default. Unknown or
 * duplicate keys, wrong types and invalid values are refused with an {@link IllegalArgumentException} that names the
 * key. For example:
 *
 * <pre>{@code
 * {
 *   "modelId": "house-prices",
 *   "task": "REGRESSION",
 *   "features": 13,
 *   "hidden": [50, 50],
 *   "prior": {"type": "gaussian", "mean": 0, "sigma": 1},
 *   "noiseModel": "HETEROSCEDASTIC",
 *   "learningRate": 0.005,
 *   "batchSize": 64
 * }
 * }</pre>
 *
 * {@link #toJson} writes every key (Gaussian noise as {@code "noiseDegreesOfFreedom": "Infinity"}), so its output
 * shows the complete effective spec and reads back to an equal spec.
 */
public final class ModelSpecJson {

    private static final List<String> KEYS = List.of("modelId", "task", "classes", "features", "hidden", "activation",
            "prior", "muInitStd", "rhoInit", "estimator", "klMode", "klWeight", "noiseModel", "noiseSigma",
            "noiseDegreesOfFreedom", "learningRate", "clipNorm", "averagingDecay", "batchSize", "stepsPerBatch", "trainSamples", "scoreSamples",
            "snapshotEveryUpdates", "snapshotEverySeconds", "intervalLevel", "streamingMode", "effectiveDataSize",
            "tempering", "replayWindow", "replaySteps", "replayBudget", "seed", "fromWeights");
    /** Keys of a deterministic network: the spec's fromWeights, or the weights file of credence spec --from-weights. */
    private static final List<String> WEIGHTS_KEYS = List.of("layers", "delta", "inputMean", "inputScale", "targetMean",
            "targetScale", "activation");
    private static final String GAUSSIAN = "gaussian";
    private static final String SCALE_MIXTURE = "scaleMixture";
    /** JSON has no infinite number: Gaussian noise (infinite degrees of freedom) is written as this string. */
    private static final String INFINITY = "Infinity";
    private static final List<String> GAUSSIAN_KEYS = List.of("type", "mean", "sigma");
    private static final List<String> SCALE_MIXTURE_KEYS = List.of("type", "pi", "sigma1", "sigma2");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelSpecJson() {}

    /**
     * The spec in {@code json}, omitted keys filled with the core defaults.
     *
     * @throws IllegalArgumentException when the JSON does not parse, has an unknown key or a value of the wrong type,
     *                                  or describes an invalid spec; the message names the key and, when known, the model
     */
    public static ModelSpec fromJson(String json) {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("spec JSON must be an object {...}, got " + describe(root));
        }
        Obj spec = new Obj((ObjectNode) root, "spec");
        spec.rejectUnknownKeys(KEYS);
        String modelId = spec.requiredText("modelId");
        try {
            return build(spec, modelId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid spec for model " + modelId + ": " + e.getMessage(), e);
        }
    }

    /** Pretty-printed JSON of {@code spec} with every key, readable by {@link #fromJson}. */
    public static String toJson(ModelSpec spec) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("modelId", spec.modelId());
        o.put("task", spec.task().name());
        o.put("classes", spec.classes());
        o.put("features", spec.features());
        ArrayNode hidden = o.putArray("hidden");
        spec.hidden().forEach(hidden::add);
        o.put("activation", spec.activation().name());
        ObjectNode prior = o.putObject("prior");
        if (spec.prior() instanceof PriorSpec.Gaussian g) {
            prior.put("type", GAUSSIAN).put("mean", g.mean()).put("sigma", g.sigma());
        } else {
            PriorSpec.ScaleMixture m = (PriorSpec.ScaleMixture) spec.prior();
            prior.put("type", SCALE_MIXTURE).put("pi", m.pi()).put("sigma1", m.sigma1()).put("sigma2", m.sigma2());
        }
        o.put("muInitStd", spec.muInitStd());
        o.put("rhoInit", spec.rhoInit());
        o.put("estimator", spec.estimator().name());
        o.put("klMode", spec.klMode().name());
        o.put("klWeight", spec.klWeight());
        o.put("noiseModel", spec.noiseModel().name());
        o.put("noiseSigma", spec.noiseSigma());
        if (Double.isInfinite(spec.noiseDegreesOfFreedom())) {
            // Not null: null means the default, which is Student-t.
            o.put("noiseDegreesOfFreedom", INFINITY);
        } else {
            o.put("noiseDegreesOfFreedom", spec.noiseDegreesOfFreedom());
        }
        o.put("learningRate", spec.learningRate());
        o.put("clipNorm", spec.clipNorm());
        o.put("averagingDecay", spec.averagingDecay());
        o.put("batchSize", spec.batchSize());
        o.put("stepsPerBatch", spec.stepsPerBatch());
        o.put("trainSamples", spec.trainSamples());
        o.put("scoreSamples", spec.scoreSamples());
        o.put("snapshotEveryUpdates", spec.snapshotEveryUpdates());
        o.put("snapshotEverySeconds", spec.snapshotEverySeconds());
        o.put("intervalLevel", spec.intervalLevel());
        o.put("streamingMode", spec.streamingMode().name());
        o.put("effectiveDataSize", spec.effectiveDataSize());
        o.put("tempering", spec.tempering());
        o.put("replayWindow", spec.replayWindow());
        o.put("replaySteps", spec.replaySteps());
        o.put("replayBudget", spec.replayBudget());
        o.put("seed", spec.seed());
        if (spec.fromWeights() != null) {
            DeterministicWeights d = spec.fromWeights();
            ObjectNode w = o.putObject("fromWeights");
            ArrayNode layers = w.putArray("layers");
            for (int l = 0; l < d.weights().size(); l++) {
                ObjectNode layer = layers.addObject();
                ArrayNode rows = layer.putArray("weight");
                for (double[] row : d.weights().get(l)) numbers(rows.addArray(), row);
                numbers(layer.putArray("bias"), d.biases().get(l));
            }
            w.put("delta", d.delta());
            numbers(w.putArray("inputMean"), d.inputMean());
            numbers(w.putArray("inputScale"), d.inputScale());
            w.put("targetMean", d.targetMean());
            w.put("targetScale", d.targetScale());
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of plain values", e);
        }
    }

    private static ModelSpec build(Obj spec, String modelId) {
        Task task = spec.requiredEnum("task", Task.class);
        int features = spec.requiredInt("features");
        ModelSpec.Builder b;
        if (task == Task.CLASSIFICATION) {
            b = ModelSpec.classification(modelId, features, spec.requiredInt("classes"));
        } else {
            b = ModelSpec.regression(modelId, features);
            if (spec.has("classes")) b.task(task, spec.intValue("classes"));
        }
        // Keys set in pairs by the builder (noise, snapshot cadence, streaming) take the missing half from here.
        ModelSpec defaults = b.build();
        if (spec.has("hidden")) b.hidden(spec.intList("hidden"));
        if (spec.has("activation")) b.activation(spec.enumValue("activation", Activation.class));
        // The prior goes before klMode: a scale mixture switches the default KL mode, an explicit klMode wins.
        if (spec.has("prior")) b.prior(prior(spec.object("prior")));
        if (spec.has("muInitStd")) b.muInitStd(spec.doubleValue("muInitStd"));
        if (spec.has("rhoInit")) b.rhoInit(spec.doubleValue("rhoInit"));
        if (spec.has("estimator")) b.estimator(spec.enumValue("estimator", Estimator.class));
        if (spec.has("klMode")) b.klMode(spec.enumValue("klMode", KlMode.class));
        if (spec.has("klWeight")) b.klWeight(spec.doubleValue("klWeight"));
        if (spec.has("noiseModel") || spec.has("noiseSigma")) {
            b.noise(spec.has("noiseModel") ? spec.enumValue("noiseModel", NoiseModel.class) : defaults.noiseModel(),
                    spec.has("noiseSigma") ? spec.doubleValue("noiseSigma") : defaults.noiseSigma());
        }
        if (spec.has("noiseDegreesOfFreedom")) b.noiseDegreesOfFreedom(spec.doubleOrInfinity("noiseDegreesOfFreedom"));
        if (spec.has("learningRate")) b.learningRate(spec.doubleValue("learningRate"));
        if (spec.has("clipNorm")) b.clipNorm(spec.doubleValue("clipNorm"));
        if (spec.has("averagingDecay")) b.averagingDecay(spec.doubleValue("averagingDecay"));
        if (spec.has("batchSize")) b.batchSize(spec.intValue("batchSize"));
        if (spec.has("stepsPerBatch")) b.stepsPerBatch(spec.intValue("stepsPerBatch"));
        if (spec.has("trainSamples")) b.trainSamples(spec.intValue("trainSamples"));
        if (spec.has("scoreSamples")) b.scoreSamples(spec.intValue("scoreSamples"));
        if (spec.has("snapshotEveryUpdates") || spec.has("snapshotEverySeconds")) {
            b.snapshotEvery(
                    spec.has("snapshotEveryUpdates") ? spec.intValue("snapshotEveryUpdates") : defaults.snapshotEveryUpdates(),
                    spec.has("snapshotEverySeconds") ? spec.doubleValue("snapshotEverySeconds") : defaults.snapshotEverySeconds());
        }
        if (spec.has("intervalLevel")) b.intervalLevel(spec.doubleValue("intervalLevel"));
        if (spec.has("streamingMode") || spec.has("effectiveDataSize") || spec.has("tempering")) {
            b.streaming(
                    spec.has("streamingMode") ? spec.enumValue("streamingMode", StreamingMode.class) : defaults.streamingMode(),
                    spec.has("effectiveDataSize") ? spec.longValue("effectiveDataSize") : defaults.effectiveDataSize(),
                    spec.has("tempering") ? spec.doubleValue("tempering") : defaults.tempering());
        }
        if (spec.has("replayWindow")) b.replayWindow(spec.intValue("replayWindow"));
        if (spec.has("replaySteps")) b.replaySteps(spec.intValue("replaySteps"));
        if (spec.has("replayBudget")) b.replayBudget(spec.doubleValue("replayBudget"));
        if (spec.has("seed")) b.seed(spec.longValue("seed"));
        if (spec.has("fromWeights")) b.fromWeights(weights(spec.object("fromWeights"), null));
        return b.build();
    }

    /**
     * The deterministic network in a weights file ({@code credence spec --from-weights}): the keys of a spec's
     * fromWeights, with {@code delta} given here instead, inputMean and inputScale defaulting to 0 and 1 per input,
     * targetMean and targetScale to 0 and 1, and an optional "activation" (read by the caller).
     *
     * @throws IllegalArgumentException naming the key when the JSON is not such a network
     */
    public static DeterministicWeights weightsFromJson(String json, double delta) {
        JsonNode root = parse(json);
        if (!root.isObject()) throw new IllegalArgumentException("weights JSON must be an object {...}, got " + describe(root));
        return weights(new Obj((ObjectNode) root, "weights"), delta);
    }

    private static DeterministicWeights weights(Obj w, Double delta) {
        w.rejectUnknownKeys(delta == null ? WEIGHTS_KEYS.subList(0, WEIGHTS_KEYS.size() - 1)
                : WEIGHTS_KEYS.stream().filter(k -> !k.equals("delta")).toList());
        JsonNode layers = w.required("layers");
        if (!layers.isArray() || layers.isEmpty()) throw w.wrongType("layers", "a non-empty array of {\"weight\": [[...]], \"bias\": [...]}", layers);
        List<double[][]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            JsonNode layer = layers.get(l);
            if (!layer.isObject()) throw w.wrongType("layers[" + l + "]", "an object {\"weight\": [[...]], \"bias\": [...]}", layer);
            Obj o = new Obj((ObjectNode) layer, w.name() + ".layers[" + l + "]");
            o.rejectUnknownKeys(List.of("weight", "bias"));
            JsonNode matrix = o.required("weight");
            if (!matrix.isArray() || matrix.isEmpty()) throw o.wrongType("weight", "an array of rows [out][in]", matrix);
            double[][] rows = new double[matrix.size()][];
            for (int r = 0; r < rows.length; r++) rows[r] = o.numbers("weight", matrix.get(r));
            weights.add(rows);
            biases.add(o.numbers("bias", o.required("bias")));
        }
        int inputs = weights.get(0)[0].length;
        double[] inputMean = w.has("inputMean") ? w.numbers("inputMean", w.node().get("inputMean")) : new double[inputs];
        double[] inputScale = w.has("inputScale") ? w.numbers("inputScale", w.node().get("inputScale")) : filled(inputs, 1);
        return new DeterministicWeights(weights, biases, delta != null ? delta : w.requiredDouble("delta"), inputMean, inputScale,
                w.has("targetMean") ? w.doubleValue("targetMean") : 0, w.has("targetScale") ? w.doubleValue("targetScale") : 1);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) array.add(v);
    }

    private static PriorSpec prior(Obj prior) {
        String type = prior.requiredText("type");
        if (type.equals(GAUSSIAN)) {
            prior.rejectUnknownKeys(GAUSSIAN_KEYS);
            return new PriorSpec.Gaussian(prior.requiredDouble("mean"), prior.requiredDouble("sigma"));
        }
        if (type.equals(SCALE_MIXTURE)) {
            prior.rejectUnknownKeys(SCALE_MIXTURE_KEYS);
            return new PriorSpec.ScaleMixture(prior.requiredDouble("pi"), prior.requiredDouble("sigma1"),
                    prior.requiredDouble("sigma2"));
        }
        throw new IllegalArgumentException("prior type must be \"" + GAUSSIAN + "\" or \"" + SCALE_MIXTURE + "\", got \"" + type + "\"");
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) throw new IllegalArgumentException("spec JSON is empty");
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("spec JSON does not parse: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        }
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }

    /** A JSON object being read, with typed accessors whose errors name the key. */
    private record Obj(ObjectNode node, String name) {

        void rejectUnknownKeys(List<String> known) {
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) unknown.add(key);
            }
            if (unknown.isEmpty()) return;
            String key = unknown.get(0);
            String hint = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                    .map(k -> " (did you mean \"" + k + "\"?)").orElse("");
            throw new IllegalArgumentException("unknown key \"" + key + "\" in " + name + hint + "; known keys: "
                    + String.join(", ", known));
        }

        boolean has(String key) {
            JsonNode v = node.get(key);
            return v != null && !v.isNull();
        }

        JsonNode required(String key) {
            if (!has(key)) throw new IllegalArgumentException(name + " needs key \"" + key + "\"");
            return node.get(key);
        }

        String requiredText(String key) {
            JsonNode v = required(key);
            if (!v.isTextual()) throw wrongType(key, "a string", v);
            return v.textValue();
        }

        <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
            required(key);
            return enumValue(key, type);
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            JsonNode v = node.get(key);
            E[] values = type.getEnumConstants();
            if (v.isTextual()) {
                for (E e : values) {
                    if (e.name().equalsIgnoreCase(v.textValue())) return e;
                }
            }
            throw wrongType(key, "one of " + Arrays.toString(values), v);
        }

        int requiredInt(String key) {
            required(key);
            return intValue(key);
        }

        int intValue(String key) {
            JsonNode v = node.get(key);
            if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
                throw wrongType(key, "a whole number in the int range", v);
            }
            return v.intValue();
        }

        long longValue(String key) {
            JsonNode v = node.get(key);
            if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
                throw wrongType(key, "a whole number in the long range", v);
            }
            return v.longValue();
        }

        double requiredDouble(String key) {
            required(key);
            return doubleValue(key);
        }

        double doubleValue(String key) {
            JsonNode v = node.get(key);
            if (!v.isNumber()) throw wrongType(key, "a number", v);
            return v.doubleValue();
        }

        /** A number, or the string "Infinity" or "inf" (any case): JSON has no literal for infinity. */
        double doubleOrInfinity(String key) {
            JsonNode v = node.get(key);
            if (v.isTextual() && (v.textValue().equalsIgnoreCase(INFINITY) || v.textValue().equalsIgnoreCase("inf"))) {
                return Double.POSITIVE_INFINITY;
            }
            if (!v.isNumber()) throw wrongType(key, "a number or \"" + INFINITY + "\"", v);
            return v.doubleValue();
        }

        List<Integer> intList(String key) {
            JsonNode v = node.get(key);
            if (!v.isArray()) throw wrongType(key, "an array of whole numbers, e.g. [50, 50]", v);
            List<Integer> values = new ArrayList<>(v.size());
            for (JsonNode item : v) {
                if (!item.isNumber() || !item.canConvertToExactIntegral() || !item.canConvertToInt()) {
                    throw wrongType(key, "an array of whole numbers, e.g. [50, 50]", v);
                }
                values.add(item.intValue());
            }
            return values;
        }

        Obj object(String key) {
            JsonNode v = node.get(key);
            if (!v.isObject()) throw wrongType(key, "an object", v);
            return new Obj((ObjectNode) v, key);
        }

        /** {@code v}, read for {@code key}, as an array of numbers. */
        double[] numbers(String key, JsonNode v) {
            if (v == null || !v.isArray()) throw wrongType(key, "an array of numbers", v);
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                if (!v.get(i).isNumber()) throw wrongType(key, "an array of numbers", v);
                out[i] = v.get(i).doubleValue();
            }
            return out;
        }

        IllegalArgumentException wrongType(String key, String expected, JsonNode got) {
            String where = name.equals("spec") ? key : name + "." + key;
            return new IllegalArgumentException(where + " must be " + expected + ", got " + got);
        }
    }
}
