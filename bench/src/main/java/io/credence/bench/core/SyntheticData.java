package io.credence.bench.core;

import java.util.SplittableRandom;

/**
 * The PyTorch reference's {@code synthetic(n, d)} regression set: x ~ N(0, I_d), y = sin(x0) + 0.5 x1 + 0.1 N(0, 1),
 * the first 90% of rows for training and the rest for testing. The draws come from a seeded Java generator, so the
 * rows differ from NumPy's but follow the same distribution.
 *
 * @param trainX [0.9 n][d] raw training inputs
 * @param trainY [0.9 n] raw training targets
 * @param testX  [n - 0.9 n][d] raw test inputs
 * @param testY  [n - 0.9 n] raw test targets
 */
public record SyntheticData(double[][] trainX, double[] trainY, double[][] testX, double[] testY) {

    /** n rows of d features (d >= 1; with d = 1, x1 is x0 as in the reference) from {@code seed}. */
    public static SyntheticData generate(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int cut = (int) (0.9 * n);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) x[i][j] = gaussian(rng);
            y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1 % d] + 0.1 * gaussian(rng);
        }
        return new SyntheticData(java.util.Arrays.copyOfRange(x, 0, cut), java.util.Arrays.copyOfRange(y, 0, cut),
                java.util.Arrays.copyOfRange(x, cut, n), java.util.Arrays.copyOfRange(y, cut, n));
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; one value per call keeps the generator simple and the stream reproducible.
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public int features() { return trainX[0].length; }
}
