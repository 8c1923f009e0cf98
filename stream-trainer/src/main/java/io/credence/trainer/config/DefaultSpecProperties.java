package io.credence.trainer.config;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.VariationalSpec;
import io.credence.schemas.codec.ModelSpecJson;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyResolver;

import java.util.Map;
import java.util.function.Function;

/**
 * The spec of a model that has none on model-specs: the properties under {@code credence.trainer.default-spec}, read
 * by the one spec reader, {@link ModelSpecJson#fromProperties}. Their keys are spec.json's in kebab-case
 * ({@code batch-size}, {@code noise-degrees-of-freedom}); {@code task} and {@code features} are required, and every
 * key left unset keeps the default declared in bnn-core's spec sections. The prior, an object in spec.json, is given by
 * flat keys: {@code prior-mean} and {@code prior-sigma} (Gaussian, either one), or {@code mixture-pi},
 * {@code mixture-sigma1} and {@code mixture-sigma2} (a scale mixture, all three).
 */
final class DefaultSpecProperties {

    static final String PREFIX = "credence.trainer.default-spec";

    private DefaultSpecProperties() {}

    /**
     * The configured default spec under {@code modelId}.
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    static ModelSpec read(PropertyResolver properties, String modelId) {
        return read(key -> properties.getProperty(PREFIX + "." + key, Object.class).orElse(null), modelId);
    }

    /** The default spec that {@code property} gives: it answers each kebab-case key with its value, or null when unset. */
    static ModelSpec read(Function<String, Object> property, String modelId) {
        return ModelSpecJson.fromProperties(PREFIX, modelId,
                key -> key.equals("prior") ? prior(property) : property.apply(NameUtils.hyphenate(key)));
    }

    /** The prior object (as spec.json writes it) that the flat prior keys give, or null when none is set. */
    private static Map<String, Object> prior(Function<String, Object> property) {
        Object pi = property.apply("mixture-pi");
        Object sigma1 = property.apply("mixture-sigma1");
        Object sigma2 = property.apply("mixture-sigma2");
        if (pi != null || sigma1 != null || sigma2 != null) {
            if (pi == null || sigma1 == null || sigma2 == null) {
                throw new IllegalArgumentException(PREFIX + ": a scale-mixture prior needs mixture-pi, mixture-sigma1 and mixture-sigma2");
            }
            return Map.of("type", "scaleMixture", "pi", pi, "sigma1", sigma1, "sigma2", sigma2);
        }
        Object mean = property.apply("prior-mean");
        Object sigma = property.apply("prior-sigma");
        if (mean == null && sigma == null) return null;
        PriorSpec.Gaussian d = (PriorSpec.Gaussian) VariationalSpec.DEFAULT.prior();
        return Map.of("type", "gaussian", "mean", mean != null ? mean : d.mean(), "sigma", sigma != null ? sigma : d.sigma());
    }
}
