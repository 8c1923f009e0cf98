package io.credence.bench.eval;

import io.credence.bnn.spec.ModelSpec;

/**
 * How {@link UciEvaluation} runs one data set.
 *
 * @param splits     splits to evaluate, 0..splits-1 (at most the data set's)
 * @param passes     times each training row is sent, in the split's order (1: a stream seen once)
 * @param spec       the model spec template, or null for {@link EvalDefaults#spec}
 * @param seed       seed of the shuffles, the initial weights and every draw (mixed with the split index)
 * @param validation evaluate on the last 20% of each split's training rows, trained on the rest (for tuning)
 */
public record EvalOptions(int splits, int passes, ModelSpec spec, long seed, boolean validation) {
    /** Share of each training split held out when {@code validation} is on. */
    public static final double VALIDATION_FRACTION = 0.2;

    public EvalOptions {
        if (splits < 1) throw new IllegalArgumentException("splits must be >= 1, got " + splits);
        if (passes < 1) throw new IllegalArgumentException("passes must be >= 1, got " + passes);
    }

    /** All 20 splits, one pass, the default spec. */
    public static EvalOptions defaults() {
        return new EvalOptions(20, EvalDefaults.PASSES, null, 1, false);
    }

    public EvalOptions withSplits(int k) { return new EvalOptions(k, passes, spec, seed, validation); }
    public EvalOptions withPasses(int e) { return new EvalOptions(splits, e, spec, seed, validation); }
    public EvalOptions withSpec(ModelSpec s) { return new EvalOptions(splits, passes, s, seed, validation); }
    public EvalOptions withSeed(long s) { return new EvalOptions(splits, passes, spec, s, validation); }
    public EvalOptions withValidation(boolean v) { return new EvalOptions(splits, passes, spec, seed, v); }
}
