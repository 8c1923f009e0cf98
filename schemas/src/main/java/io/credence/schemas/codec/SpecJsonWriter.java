package io.credence.schemas.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.SpecSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a spec's settings ({@link SpecSettings}) into a JSON object, every key in the order the spec passes them,
 * in the format {@link SpecJsonReader} reads; fromWeights only when set.
 */
final class SpecJsonWriter implements SpecSettings {

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();
    private final List<String> keys = new ArrayList<>();

    private SpecJsonWriter() {}

    /** The JSON object of {@code spec}. */
    static ObjectNode write(ModelSpec spec) {
        SpecJsonWriter writer = new SpecJsonWriter();
        spec.settings(writer);
        return writer.node;
    }

    /** Every key a spec has, fromWeights included, in the order {@link #write} writes them. */
    static List<String> keys() {
        SpecJsonWriter writer = new SpecJsonWriter();
        ModelSpec.regression("keys", 1).build().settings(writer);
        return List.copyOf(writer.keys);
    }

    @Override
    public String text(String key, String value) {
        key(key).put(key, value);
        return value;
    }

    @Override
    public int whole(String key, int value) {
        key(key).put(key, value);
        return value;
    }

    @Override
    public long whole(String key, long value) {
        key(key).put(key, value);
        return value;
    }

    @Override
    public double number(String key, double value) {
        key(key).put(key, value);
        return value;
    }

    @Override
    public double numberOrInfinity(String key, double value) {
        // Not null for infinity: null means the default.
        if (Double.isInfinite(value)) {
            key(key).put(key, SpecJsonReader.INFINITY);
        } else {
            key(key).put(key, value);
        }
        return value;
    }

    @Override
    public <E extends Enum<E>> E choice(String key, E value) {
        key(key).put(key, value.name());
        return value;
    }

    @Override
    public List<Integer> wholes(String key, List<Integer> value) {
        ArrayNode array = key(key).putArray(key);
        value.forEach(array::add);
        return value;
    }

    @Override
    public PriorSpec prior(String key, PriorSpec value) {
        ObjectNode prior = key(key).putObject(key);
        if (value instanceof PriorSpec.Gaussian g) {
            prior.put("type", SpecJsonReader.GAUSSIAN).put("mean", g.mean()).put("sigma", g.sigma());
        } else {
            PriorSpec.ScaleMixture m = (PriorSpec.ScaleMixture) value;
            prior.put("type", SpecJsonReader.SCALE_MIXTURE).put("pi", m.pi()).put("sigma1", m.sigma1()).put("sigma2", m.sigma2());
        }
        return value;
    }

    @Override
    public DeterministicWeights weights(String key, DeterministicWeights value) {
        key(key);
        if (value == null) return null;
        ObjectNode w = node.putObject(key);
        ArrayNode layers = w.putArray("layers");
        for (int l = 0; l < value.weights().size(); l++) {
            ObjectNode layer = layers.addObject();
            ArrayNode rows = layer.putArray("weight");
            for (double[] row : value.weights().get(l)) numbers(rows.addArray(), row);
            numbers(layer.putArray("bias"), value.biases().get(l));
        }
        w.put("delta", value.delta());
        numbers(w.putArray("inputMean"), value.inputMean());
        numbers(w.putArray("inputScale"), value.inputScale());
        w.put("targetMean", value.targetMean());
        w.put("targetScale", value.targetScale());
        return value;
    }

    private ObjectNode key(String key) {
        keys.add(key);
        return node;
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) array.add(v);
    }
}
