package io.credence.bench.eval;

import io.credence.bnn.spec.ModelSpec;

/**
 * What {@code credence eval} runs by default: the product's default spec ({@link ModelSpec#regression}, declared once
 * in bnn-core) on a stream seen once, as a real stream arrives.
 */
public final class EvalDefaults {
    /** Times each training row is sent: once. */
    public static final int PASSES = 1;

    private EvalDefaults() {}

    /** The default spec for {@code features} inputs (features and effectiveDataSize are set per split by the evaluation). */
    public static ModelSpec spec(int features) {
        return ModelSpec.regression("uci", features).build();
    }
}
