package io.credence.bench.drift;

import java.util.SplittableRandom;

/**
 * A seeded regression stream, x ~ N(0, I_d), whose target is f1(x) = sin(x0) + 0.5 x1 before record
 * {@code changeAt} and f2(x) = sin(x2) + 0.5 x3 from it on, plus N(0, 0.1^2) noise. Both functions give y the same
 * distribution, so the standardisers stay right and only the mapping changes; f2 uses other inputs, so the network
 * must relearn its first layer, not just flip a sign. With {@code changeAt} beyond the stream it is stationary.
 */
public final class DriftStream {
    /** Input width (the reference's 13). */
    public static final int FEATURES = 13;
    /** Noise standard deviation of the target. */
    public static final double NOISE = 0.1;

    private final SplittableRandom rng;
    private final long changeAt;
    private long emitted;

    /** @param changeAt index of the first record drawn from f2 (Long.MAX_VALUE: never) */
    public DriftStream(long seed, long changeAt) {
        this.rng = new SplittableRandom(seed);
        this.changeAt = changeAt;
    }

    /**
     * Fills the next {@code x.length} records.
     *
     * @param x [batch][FEATURES] filled with inputs
     * @param y [batch] filled with targets
     */
    public void next(double[][] x, double[] y) {
        for (int b = 0; b < x.length; b++, emitted++) {
            double[] row = x[b] = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) row[j] = gaussian();
            double f = emitted < changeAt ? Math.sin(row[0]) + 0.5 * row[1] : Math.sin(row[2]) + 0.5 * row[3];
            y[b] = f + NOISE * gaussian();
        }
    }

    private double gaussian() {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
