package io.credence.bnn.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} on the JDK's Vector API (jdk.incubator.vector), register-blocked: a tile of 4 units by 2 vectors
 * of rows keeps its 8 partial sums in registers for the whole sum over i, so each row vector of h loaded serves 4
 * units and each weight broadcast 2 vectors; the tile's weights are 4 contiguous rows of w, read in order (with w
 * held [i][j] instead, a wide layer's tile touched a cache line per input and ran at a third of the speed). Loaded only where {@link DenseKernel#best} finds the module.
 */
final class VectorDenseKernel implements DenseKernel {
    static final VectorDenseKernel INSTANCE = new VectorDenseKernel();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /**
     * Rows (floats of each h row) per pass over the units: the block's slab of h, fanIn x ROW_BLOCK floats (128 KiB
     * at 512 inputs), stays in the core's L2 cache while every unit's weights stream past it once. Without the block a
     * wide layer's h was read again from beyond L2 for every 4 units, and training's products ran at half the speed.
     */
    private static final int ROW_BLOCK = 64;

    private VectorDenseKernel() {}

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void apply(float[][] h, int rows, int fanIn, float[][] w, float[] b, boolean relu, float[][] z) {
        int span = span(rows), units = b.length;
        for (int r0 = 0; r0 < span; r0 += ROW_BLOCK) {
            int end = Math.min(span, r0 + ROW_BLOCK), paired = r0 + (end - r0) / (2 * L) * (2 * L), j = 0;
            for (; j + 4 <= units; j += 4) {
                for (int r = r0; r < paired; r += 2 * L) tile4x2(h, fanIn, w, b, j, r, relu, z);
                if (paired < end) tile4x1(h, fanIn, w, b, j, paired, relu, z);
            }
            for (; j < units; j++) {
                for (int r = r0; r < paired; r += 2 * L) tile1x2(h, fanIn, w[j], b[j], r, relu, z[j]);
                if (paired < end) tile1x1(h, fanIn, w[j], b[j], paired, relu, z[j]);
            }
        }
    }

    /** Units j .. j + 3, rows r .. r + 2L - 1. */
    private static void tile4x2(float[][] h, int fanIn, float[][] w, float[] b, int j, int r, boolean relu, float[][] z) {
        float[] v0 = w[j], v1 = w[j + 1], v2 = w[j + 2], v3 = w[j + 3];
        FloatVector a0 = FloatVector.broadcast(SPECIES, b[j]), a1 = FloatVector.broadcast(SPECIES, b[j + 1]);
        FloatVector a2 = FloatVector.broadcast(SPECIES, b[j + 2]), a3 = FloatVector.broadcast(SPECIES, b[j + 3]);
        FloatVector c0 = a0, c1 = a1, c2 = a2, c3 = a3;
        for (int i = 0; i < fanIn; i++) {
            float[] hi = h[i];
            FloatVector ha = FloatVector.fromArray(SPECIES, hi, r), hc = FloatVector.fromArray(SPECIES, hi, r + L);
            FloatVector w0 = FloatVector.broadcast(SPECIES, v0[i]), w1 = FloatVector.broadcast(SPECIES, v1[i]);
            FloatVector w2 = FloatVector.broadcast(SPECIES, v2[i]), w3 = FloatVector.broadcast(SPECIES, v3[i]);
            a0 = w0.fma(ha, a0);
            a1 = w1.fma(ha, a1);
            a2 = w2.fma(ha, a2);
            a3 = w3.fma(ha, a3);
            c0 = w0.fma(hc, c0);
            c1 = w1.fma(hc, c1);
            c2 = w2.fma(hc, c2);
            c3 = w3.fma(hc, c3);
        }
        out(a0, relu).intoArray(z[j], r);
        out(a1, relu).intoArray(z[j + 1], r);
        out(a2, relu).intoArray(z[j + 2], r);
        out(a3, relu).intoArray(z[j + 3], r);
        out(c0, relu).intoArray(z[j], r + L);
        out(c1, relu).intoArray(z[j + 1], r + L);
        out(c2, relu).intoArray(z[j + 2], r + L);
        out(c3, relu).intoArray(z[j + 3], r + L);
    }

    /** Units j .. j + 3, rows r .. r + L - 1. */
    private static void tile4x1(float[][] h, int fanIn, float[][] w, float[] b, int j, int r, boolean relu, float[][] z) {
        float[] v0 = w[j], v1 = w[j + 1], v2 = w[j + 2], v3 = w[j + 3];
        FloatVector a0 = FloatVector.broadcast(SPECIES, b[j]), a1 = FloatVector.broadcast(SPECIES, b[j + 1]);
        FloatVector a2 = FloatVector.broadcast(SPECIES, b[j + 2]), a3 = FloatVector.broadcast(SPECIES, b[j + 3]);
        for (int i = 0; i < fanIn; i++) {
            FloatVector ha = FloatVector.fromArray(SPECIES, h[i], r);
            a0 = FloatVector.broadcast(SPECIES, v0[i]).fma(ha, a0);
            a1 = FloatVector.broadcast(SPECIES, v1[i]).fma(ha, a1);
            a2 = FloatVector.broadcast(SPECIES, v2[i]).fma(ha, a2);
            a3 = FloatVector.broadcast(SPECIES, v3[i]).fma(ha, a3);
        }
        out(a0, relu).intoArray(z[j], r);
        out(a1, relu).intoArray(z[j + 1], r);
        out(a2, relu).intoArray(z[j + 2], r);
        out(a3, relu).intoArray(z[j + 3], r);
    }

    /** Unit j, rows r .. r + 2L - 1. */
    private static void tile1x2(float[][] h, int fanIn, float[] wj, float bias, int r, boolean relu, float[] zj) {
        FloatVector a = FloatVector.broadcast(SPECIES, bias), c = a;
        for (int i = 0; i < fanIn; i++) {
            FloatVector wji = FloatVector.broadcast(SPECIES, wj[i]);
            a = wji.fma(FloatVector.fromArray(SPECIES, h[i], r), a);
            c = wji.fma(FloatVector.fromArray(SPECIES, h[i], r + L), c);
        }
        out(a, relu).intoArray(zj, r);
        out(c, relu).intoArray(zj, r + L);
    }

    /** Unit j, rows r .. r + L - 1. */
    private static void tile1x1(float[][] h, int fanIn, float[] wj, float bias, int r, boolean relu, float[] zj) {
        FloatVector a = FloatVector.broadcast(SPECIES, bias);
        for (int i = 0; i < fanIn; i++) a = FloatVector.broadcast(SPECIES, wj[i]).fma(FloatVector.fromArray(SPECIES, h[i], r), a);
        out(a, relu).intoArray(zj, r);
    }

    /** {@code v}, or max(v, 0) lane-wise (as {@link Math#max}) if {@code relu}. */
    private static FloatVector out(FloatVector v, boolean relu) {
        return relu ? v.max(0f) : v;
    }

    @Override
    public String description() {
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit";
    }
}
