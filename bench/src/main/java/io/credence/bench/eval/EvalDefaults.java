package io.credence.bench.eval;

import io.credence.bnn.spec.ModelSpec;

/**
 * The default model and training budget of {@code credence eval}: one spec for every data set, chosen on validation
 * splits of the training rows only (see docs/benchmarks.md, "UCI: how the default was chosen").
 */
public final class EvalDefaults {
    /** Passes over each split's training rows. */
    public static final int EPOCHS = 40;
    /** Monte Carlo draws per test prediction. */
    public static final int SCORE_SAMPLES = 100;

    private EvalDefaults() {}

    /** The default spec for {@code features} inputs (features and effectiveDataSize are set per split by the evaluation). */
    public static ModelSpec spec(int features) {
        return ModelSpec.regression("uci", features).scoreSamples(SCORE_SAMPLES).build();
    }
}
