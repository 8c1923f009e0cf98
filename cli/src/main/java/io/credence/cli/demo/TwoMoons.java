package io.credence.cli.demo;

import java.util.Random;

/**
 * Two interleaving half circles, class 0 above and class 1 below, with N(0, 0.1^2) noise on both coordinates: a
 * classification whose boundary is curved and whose data cover only a small part of the plane.
 */
public final class TwoMoons {

    /** Plotted and scored region: x1 in [X_MIN, X_MAX], x2 in [Y_MIN, Y_MAX]. */
    public static final double X_MIN = -2, X_MAX = 3, Y_MIN = -1.5, Y_MAX = 2;

    private TwoMoons() {}

    /** {@code n} examples drawn with {@code random}, classes equally likely. */
    public static Dataset sample(int n, Random random) {
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(2);
            double t = Math.PI * random.nextDouble();
            x[i][0] = (c == 0 ? Math.cos(t) : 1 - Math.cos(t)) + 0.1 * random.nextGaussian();
            x[i][1] = (c == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + 0.1 * random.nextGaussian();
            y[i] = c;
        }
        return new Dataset(x, y);
    }

    /** A side x side grid of cell centres over the plotted region, row-major from (X_MIN, Y_MIN). */
    public static double[][] grid(int side) {
        double[][] g = new double[side * side][2];
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                g[j * side + i][0] = X_MIN + (X_MAX - X_MIN) * (i + 0.5) / side;
                g[j * side + i][1] = Y_MIN + (Y_MAX - Y_MIN) * (j + 0.5) / side;
            }
        }
        return g;
    }
}
