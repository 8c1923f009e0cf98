package io.credence.cli.demo;

import java.util.Random;

/**
 * The 1-D regression with a hole in the data: y = sin x + N(0, 0.1^2), x uniform on [-4,-1] and [1,4]. A model that
 * knows what it does not know is more uncertain in the gap (-1,1) and beyond |x| = 4 than inside the data.
 */
public final class SinGap {

    /** Standard deviation of the label noise. */
    public static final double NOISE_STD = 0.1;

    private SinGap() {}

    /** {@code n} examples drawn with {@code random}. */
    public static Dataset sample(int n, Random random) {
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1 + 3 * random.nextDouble();
            x[i][0] = random.nextBoolean() ? u : -u;
            y[i] = Math.sin(x[i][0]) + NOISE_STD * random.nextGaussian();
        }
        return new Dataset(x, y);
    }

    /** {@code n} evenly spaced points on [from, to] (cell centres), as [n][1] feature rows. */
    public static double[][] grid(double from, double to, int n) {
        double[][] g = new double[n][1];
        for (int i = 0; i < n; i++) g[i][0] = from + (to - from) * (i + 0.5) / n;
        return g;
    }
}
