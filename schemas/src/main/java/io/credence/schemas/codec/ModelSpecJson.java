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
            "tempering", "replayWindow", "replaySteps", "replayBudget", "seed");
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
        return b.build();
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

        private JsonNode required(String key) {
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

        private IllegalArgumentException wrongType(String key, String expected, JsonNode got) {
            String where = name.equals("spec") ? key : name + "." + key;
            return new IllegalArgumentException(where + " must be " + expected + ", got " + got);
        }
    }
}
