package io.credence.schemas.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads and writes a {@link ModelSpec} by the names of its settings: the JSON of {@code spec.json} files (CLI) and
 * HTTP bodies, and the trainer's default-spec properties, all read by one reader ({@link SpecJsonReader}) over the
 * keys that the spec's sections name ({@link io.credence.bnn.spec.SpecSettings}).
 *
 * <p>The format is one flat JSON object whose keys are the components of {@link ModelSpec}'s sections, with the same
 * names and meanings (see their Javadoc), plus {@code modelId}, {@code task}, {@code classes}, {@code features},
 * {@code seed} and {@code fromWeights}. {@code modelId}, {@code task} and {@code features} are required, and
 * {@code classes} for a classifier; every other key is optional, and an omitted key, or one set to {@code null}, takes
 * the core default ({@code DEFAULT} of its section). Enum values are their names, in any case. The prior is an object
 * tagged by {@code type}: {@code {"type": "gaussian", "mean": m, "sigma": s}} or
 * {@code {"type": "scaleMixture", "pi": p, "sigma1": s1, "sigma2": s2}}; a scale-mixture prior without an explicit
 * {@code klMode} uses MONTE_CARLO, its only option. {@code noiseDegreesOfFreedom} (&gt; 2) makes the noise Student-t;
 * the string {@code "Infinity"} (or {@code "inf"}, in any case) makes it Gaussian. Unknown or duplicate keys, wrong
 * types and invalid values are refused with an {@link IllegalArgumentException} that names the key. For example:
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

    /** Every key of a spec, in the order {@link #toJson} writes them. */
    private static final List<String> KEYS = SpecJsonWriter.keys();

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
        SpecJsonReader spec = new SpecJsonReader((ObjectNode) root, "spec", false);
        spec.rejectUnknownKeys(KEYS);
        String modelId = spec.requiredText("modelId");
        return read(spec, modelId, "invalid spec for model " + modelId + ": ");
    }

    /**
     * The spec of model {@code modelId} that a group of properties gives, such as the trainer's
     * {@code credence.trainer.default-spec}: {@code valueOf} answers each key of spec.json with its property's value
     * (a text, as environment variables give, a number, a list, or a map for an object), or null when it is not set.
     * Texts are read as the value the key needs ("64", "16,8", "Infinity"); unset keys keep the core defaults.
     *
     * @param name the properties' prefix, which starts every error message
     * @throws IllegalArgumentException when a value is of the wrong type or the spec is invalid, naming the key
     */
    public static ModelSpec fromProperties(String name, String modelId, Function<String, Object> valueOf) {
        ObjectNode values = MAPPER.createObjectNode();
        for (String key : KEYS) {
            Object value = valueOf.apply(key);
            if (value != null) values.set(key, MAPPER.valueToTree(value));
        }
        values.put("modelId", modelId);
        return read(new SpecJsonReader(values, "spec", true), modelId, name + ": ");
    }

    /** Pretty-printed JSON of {@code spec} with every key, readable by {@link #fromJson}. */
    public static String toJson(ModelSpec spec) {
        try {
            return MAPPER.writeValueAsString(SpecJsonWriter.write(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of plain values", e);
        }
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
        return new SpecJsonReader((ObjectNode) root, "weights", false).weights(delta, "activation");
    }

    /** The spec {@code spec} holds: the section defaults for its task and features, then every setting it gives. */
    private static ModelSpec read(SpecJsonReader spec, String modelId, String context) {
        try {
            Task task = spec.requiredEnum("task", Task.class);
            int features = spec.requiredInt("features");
            ModelSpec.Builder defaults = task == Task.CLASSIFICATION
                    ? ModelSpec.classification(modelId, features, spec.requiredInt("classes"))
                    : ModelSpec.regression(modelId, features);
            return defaults.build().settings(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(context + e.getMessage(), e);
        }
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
}
