package io.credence.bench.e2e;

import java.util.SplittableRandom;

/**
 * An endless seeded stream of the PyTorch reference's synthetic regression rows: x ~ N(0, I_d),
 * y = sin(x0) + 0.5 x1 + 0.1 N(0, 1). Not thread-safe: one source per producing thread.
 */
public final class RowSource {
    private final SplittableRandom rng;
    private final int features;

    /** Rows of {@code features} inputs (>= 2) drawn from {@code seed}. */
    public RowSource(int features, long seed) {
        if (features < 2) throw new IllegalArgumentException("features must be >= 2, got " + features);
        this.rng = new SplittableRandom(seed);
        this.features = features;
    }

    /** The next input row, [features] raw values. */
    public double[] nextFeatures() {
        double[] x = new double[features];
        for (int j = 0; j < features; j++) x[j] = gaussian();
        return x;
    }

    /** The noisy target of {@code x}. */
    public double label(double[] x) {
        return Math.sin(x[0]) + 0.5 * x[1] + 0.1 * gaussian();
    }

    private double gaussian() {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
