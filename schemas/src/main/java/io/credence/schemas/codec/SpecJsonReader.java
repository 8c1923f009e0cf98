package io.credence.schemas.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.SpecSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A JSON object read as a spec's settings ({@link SpecSettings}): each key present and not null gives its setting, with
 * typed accessors whose errors name the key. Values from properties (environment variables, command-line flags) are
 * texts: for such a source a text is read as the value its key needs ("64", "0.3", "16,8" for a list).
 */
final class SpecJsonReader implements SpecSettings {

    static final String GAUSSIAN = "gaussian";
    static final String SCALE_MIXTURE = "scaleMixture";
    /** JSON has no infinite number: an infinite setting (Gaussian noise's degrees of freedom) is this string. */
    static final String INFINITY = "Infinity";
    private static final List<String> GAUSSIAN_KEYS = List.of("type", "mean", "sigma");
    private static final List<String> SCALE_MIXTURE_KEYS = List.of("type", "pi", "sigma1", "sigma2");
    private static final List<String> WEIGHTS_KEYS = List.of("layers", "delta", "inputMean", "inputScale", "targetMean",
            "targetScale");

    private final ObjectNode node;
    private final String name;
    private final boolean textValues;

    /**
     * @param name       "spec" for a spec; the key path of a nested object, which errors put before its keys
     * @param textValues whether texts are read as the numbers and lists they spell (properties)
     */
    SpecJsonReader(ObjectNode node, String name, boolean textValues) {
        this.node = node;
        this.name = name;
        this.textValues = textValues;
    }

    @Override
    public String text(String key, String value) {
        return has(key) ? requiredText(key) : value;
    }

    @Override
    public int whole(String key, int value) {
        return has(key) ? intValue(key) : value;
    }

    @Override
    public long whole(String key, long value) {
        return has(key) ? longValue(key) : value;
    }

    @Override
    public double number(String key, double value) {
        return has(key) ? doubleValue(key) : value;
    }

    /** A number, or the string "Infinity" or "inf" (any case). */
    @Override
    public double numberOrInfinity(String key, double value) {
        if (!has(key)) return value;
        JsonNode v = node.get(key);
        if (v.isTextual() && (v.textValue().equalsIgnoreCase(INFINITY) || v.textValue().equalsIgnoreCase("inf"))) {
            return Double.POSITIVE_INFINITY;
        }
        v = numeric(v);
        if (!v.isNumber()) throw wrongType(key, "a number or \"" + INFINITY + "\"", v);
        return v.doubleValue();
    }

    @Override
    public <E extends Enum<E>> E choice(String key, E value) {
        return has(key) ? enumValue(key, value.getDeclaringClass()) : value;
    }

    @Override
    public List<Integer> wholes(String key, List<Integer> value) {
        if (!has(key)) return value;
        JsonNode v = node.get(key);
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else if (textValues && v.isTextual()) {
            // A list property is a comma-separated text, as Micronaut reads one.
            for (String item : v.textValue().split(",")) {
                if (!item.isBlank()) items.add(JsonNodeFactory.instance.textNode(item));
            }
        } else if (textValues && v.isNumber()) {
            items.add(v);
        } else {
            throw wrongType(key, "an array of whole numbers, e.g. [50, 50]", v);
        }
        List<Integer> values = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            JsonNode n = numeric(item);
            if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToInt()) {
                throw wrongType(key, "an array of whole numbers, e.g. [50, 50]", v);
            }
            values.add(n.intValue());
        }
        return values;
    }

    /** A prior tagged by type: {"type": "gaussian", "mean", "sigma"} or {"type": "scaleMixture", "pi", "sigma1", "sigma2"}. */
    @Override
    public PriorSpec prior(String key, PriorSpec value) {
        if (!has(key)) return value;
        SpecJsonReader prior = object(key);
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

    @Override
    public DeterministicWeights weights(String key, DeterministicWeights value) {
        return has(key) ? object(key).weights(null) : value;
    }

    /**
     * This object as a deterministic network: layers of {"weight": [[...]] (out x in), "bias": [...]}, inputMean and
     * inputScale (default 0 and 1 per input), targetMean and targetScale (default 0 and 1), and delta unless given.
     *
     * @param delta the relative posterior std, or null to read it as the key "delta"
     * @param extra keys allowed besides those, read by the caller
     */
    DeterministicWeights weights(Double delta, String... extra) {
        List<String> known = new ArrayList<>(WEIGHTS_KEYS);
        if (delta != null) known.remove("delta");
        known.addAll(List.of(extra));
        rejectUnknownKeys(known);
        JsonNode layers = required("layers");
        if (!layers.isArray() || layers.isEmpty()) throw wrongType("layers", "a non-empty array of {\"weight\": [[...]], \"bias\": [...]}", layers);
        List<double[][]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            JsonNode layer = layers.get(l);
            if (!layer.isObject()) throw wrongType("layers[" + l + "]", "an object {\"weight\": [[...]], \"bias\": [...]}", layer);
            SpecJsonReader o = new SpecJsonReader((ObjectNode) layer, name + ".layers[" + l + "]", textValues);
            o.rejectUnknownKeys(List.of("weight", "bias"));
            JsonNode matrix = o.required("weight");
            if (!matrix.isArray() || matrix.isEmpty()) throw o.wrongType("weight", "an array of rows [out][in]", matrix);
            double[][] rows = new double[matrix.size()][];
            for (int r = 0; r < rows.length; r++) rows[r] = o.numbers("weight", matrix.get(r));
            weights.add(rows);
            biases.add(o.numbers("bias", o.required("bias")));
        }
        int inputs = weights.get(0)[0].length;
        double[] ones = new double[inputs];
        Arrays.fill(ones, 1);
        return new DeterministicWeights(weights, biases, delta != null ? delta : requiredDouble("delta"),
                has("inputMean") ? numbers("inputMean", node.get("inputMean")) : new double[inputs],
                has("inputScale") ? numbers("inputScale", node.get("inputScale")) : ones,
                number("targetMean", 0), number("targetScale", 1));
    }

    /** Refuses a key not in {@code known}, suggesting the known key it differs from only in case. */
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

    String requiredText(String key) {
        JsonNode v = required(key);
        if (!v.isTextual()) throw wrongType(key, "a string", v);
        return v.textValue();
    }

    <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
        required(key);
        return enumValue(key, type);
    }

    int requiredInt(String key) {
        required(key);
        return intValue(key);
    }

    private boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode required(String key) {
        if (!has(key)) throw new IllegalArgumentException(name + " needs key \"" + key + "\"");
        return node.get(key);
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        JsonNode v = node.get(key);
        E[] values = type.getEnumConstants();
        if (v.isTextual()) {
            for (E e : values) {
                if (e.name().equalsIgnoreCase(v.textValue())) return e;
            }
        }
        throw wrongType(key, "one of " + Arrays.toString(values), v);
    }

    private int intValue(String key) {
        JsonNode v = numeric(node.get(key));
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw wrongType(key, "a whole number in the int range", v);
        }
        return v.intValue();
    }

    private long longValue(String key) {
        JsonNode v = numeric(node.get(key));
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw wrongType(key, "a whole number in the long range", v);
        }
        return v.longValue();
    }

    private double requiredDouble(String key) {
        required(key);
        return doubleValue(key);
    }

    private double doubleValue(String key) {
        JsonNode v = numeric(node.get(key));
        if (!v.isNumber()) throw wrongType(key, "a number", v);
        return v.doubleValue();
    }

    private SpecJsonReader object(String key) {
        JsonNode v = node.get(key);
        if (!v.isObject()) throw wrongType(key, "an object", v);
        return new SpecJsonReader((ObjectNode) v, key, textValues);
    }

    /** {@code v}, read for {@code key}, as an array of numbers. */
    private double[] numbers(String key, JsonNode v) {
        if (v == null || !v.isArray()) throw wrongType(key, "an array of numbers", v);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode item = numeric(v.get(i));
            if (!item.isNumber()) throw wrongType(key, "an array of numbers", v);
            out[i] = item.doubleValue();
        }
        return out;
    }

    /** {@code v}, or for a source of texts, the number a text spells (a text that spells none stays text). */
    private JsonNode numeric(JsonNode v) {
        if (!textValues || !v.isTextual()) return v;
        try {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(v.textValue().trim()));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private IllegalArgumentException wrongType(String key, String expected, JsonNode got) {
        String where = name.equals("spec") ? key : name + "." + key;
        return new IllegalArgumentException(where + " must be " + expected + ", got " + got);
    }
}
