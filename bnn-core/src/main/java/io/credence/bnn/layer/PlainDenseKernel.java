package io.credence.bnn.layer;

import java.util.Arrays;

/**
 * {@link DenseKernel} in plain Java, for a JVM without the Vector API's module: the inner loop runs over the rows with
 * {@link Math#fma}, which the JIT turns into SIMD fused multiply-adds, but each partial sum goes through memory, so it
 * runs at a fraction of {@link VectorDenseKernel}'s speed.
 */
final class PlainDenseKernel implements DenseKernel {
    static final PlainDenseKernel INSTANCE = new PlainDenseKernel();

    private PlainDenseKernel() {}

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void apply(float[][] h, int rows, int fanIn, float[][] w, float[] b, boolean relu, float[][] z) {
        for (int j = 0; j < b.length; j++) {
            float[] zj = z[j], wj = w[j];
            Arrays.fill(zj, 0, rows, b[j]);
            for (int i = 0; i < fanIn; i++) {
                float a = wj[i];
                float[] hi = h[i];
                for (int r = 0; r < rows; r++) zj[r] = Math.fma(a, hi[r], zj[r]);
            }
            if (relu) for (int r = 0; r < rows; r++) zj[r] = Math.max(zj[r], 0f);
        }
    }

    @Override
    public String description() {
        return "plain Java (start the JVM with --add-modules " + VECTOR_MODULE + " for the Vector API kernel)";
    }
}
