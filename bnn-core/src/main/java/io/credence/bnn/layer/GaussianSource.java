package io.credence.bnn.layer;

import java.util.SplittableRandom;

/**
 * Standard normal and sign draws from a seeded {@link SplittableRandom} (Marsaglia's polar method). Pure Java, so a
 * seed gives the same draws on every backend and machine: that is what makes replay after a crash bit-identical.
 */
public final class GaussianSource {
    private SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    public GaussianSource(long seed) {
        reseed(seed);
    }

    /** Restarts the stream at {@code seed}. */
    public void reseed(long seed) {
        random = new SplittableRandom(seed);
        hasSpare = false;
    }

    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Fills {@code out[from, from + n)} with standard normal draws. */
    public void fill(double[] out, int from, int n) {
        for (int i = from; i < from + n; i++) out[i] = nextGaussian();
    }

    /** +1 or -1 with equal probability. */
    public double nextSign() {
        return random.nextBoolean() ? 1.0 : -1.0;
    }

    /** A seed for the k-th independent stream derived from {@code seed} (SplitMix64 finaliser). */
    public static long mix(long seed, long k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
