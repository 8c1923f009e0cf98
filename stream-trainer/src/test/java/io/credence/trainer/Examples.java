package io.credence.trainer;

import java.util.Random;

/** Synthetic 1-feature regression streams with fixed seeds. */
public final class Examples {

    private Examples() {}

    /** y = sin(2x) + N(0, 0.1^2), x ~ U(-3, 3). */
    public static byte[] sine(String modelId, Random random) {
        double x = -3 + 6 * random.nextDouble();
        return TestRecords.labeled(modelId, new double[] {x}, Math.sin(2 * x) + 0.1 * random.nextGaussian());
    }

    /** y = 3x - 1 + N(0, 0.2^2), x ~ U(-2, 2). */
    public static byte[] line(String modelId, Random random) {
        double x = -2 + 4 * random.nextDouble();
        return TestRecords.labeled(modelId, new double[] {x}, 3 * x - 1 + 0.2 * random.nextGaussian());
    }
}
