package io.credence.bnn.data;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;

import java.util.Optional;

/** Validates examples against a spec before they reach the math: shapes, finiteness, label range, weights. */
public final class InputCheck {
    /** Largest |feature| or |label| accepted: beyond this, squares overflow float32 and poison the standardiser. */
    public static final double MAX_ABS_VALUE = 1e15;

    private InputCheck() {}

    /** Checks the features of a prediction request. */
    public static Optional<InputRejection> features(ModelSpec spec, double[] features) {
        if (features == null || features.length != spec.features()) {
            return reject(InputError.FEATURE_COUNT, "model " + spec.modelId() + " expects " + spec.features()
                    + " features, got " + (features == null ? "none" : features.length));
        }
        for (int i = 0; i < features.length; i++) {
            double v = features[i];
            if (!Double.isFinite(v) || Math.abs(v) > MAX_ABS_VALUE) {
                return reject(InputError.NON_FINITE, "feature " + i + " is " + v + " (must be finite with |v| <= " + MAX_ABS_VALUE + ")");
            }
        }
        return Optional.empty();
    }

    /** Checks a labeled example; {@code weight} may be null (meaning 1). */
    public static Optional<InputRejection> labeled(ModelSpec spec, double[] features, double label, Double weight) {
        Optional<InputRejection> bad = features(spec, features);
        if (bad.isPresent()) return bad;
        if (!Double.isFinite(label) || Math.abs(label) > MAX_ABS_VALUE) {
            return reject(InputError.NON_FINITE, "label is " + label + " (must be finite with |v| <= " + MAX_ABS_VALUE + ")");
        }
        if (spec.task() == Task.CLASSIFICATION && (label != Math.rint(label) || label < 0 || label >= spec.classes())) {
            return reject(InputError.LABEL_RANGE, "label " + label + " is not a class index in 0.." + (spec.classes() - 1));
        }
        if (weight != null && !(weight > 0 && weight <= 1e6)) {
            return reject(InputError.BAD_WEIGHT, "weight " + weight + " must be in (0, 1e6]");
        }
        return Optional.empty();
    }

    /** Checks a per-request Monte Carlo sample override. */
    public static Optional<InputRejection> samples(Integer samples) {
        if (samples != null && (samples < 1 || samples > ModelSpec.MAX_SAMPLES)) {
            return reject(InputError.BAD_SAMPLES, "samples " + samples + " must be in 1.." + ModelSpec.MAX_SAMPLES);
        }
        return Optional.empty();
    }

    private static Optional<InputRejection> reject(InputError error, String reason) {
        return Optional.of(new InputRejection(error, reason));
    }
}
