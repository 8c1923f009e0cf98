package io.credence.bnn.predictive;

import io.credence.bnn.layer.DenseKernel;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;

/**
 * S posterior draws for Monte Carlo prediction, and the forward pass of their S networks.
 *
 * <p>First layer: local reparameterisation ({@link FirstLayer}). The input x is the same for every draw and the weights
 * are independent Gaussians, so given x each first-layer pre-activation is exactly N(m_j, v_j): one mean and one
 * variance product per row and S scaled standard normals per unit, instead of S weight matrices. The S normals of each
 * unit are drawn once per bank and shared by every row, so each predicted curve stays smooth in x and a row's
 * prediction does not depend on its neighbours. Later layers: S weight draws each, since their inputs differ from draw
 * to draw. For one row the S draws of (first-layer output, later weights) have exactly the joint distribution that
 * sampling whole weight matrices gives, so every per-row summary (mean, std, quantiles, epistemic and aleatoric parts)
 * is the same estimator at a fraction of the cost.
 *
 * <p>Layout: float32 (the precision snapshots carry), draw-major: draw s of a layer is its own weight matrix, one array
 * per output unit. A block of rows goes through the S networks one draw at a time, so each draw's matrices are read once
 * per block, with the block's activations held [unit][row], rows as the vector lanes of the {@link DenseKernel}.
 *
 * <p>The draws are one seeded sequence, draw s of every weight before draw s + 1, so a bank of S draws extends one of
 * S - 1. Every row is computed by the same sequence of float operations whatever the batch and the kernel, so a record
 * scores bit-identically alone (POST /predict) or in a micro-batch (the stream). The bank lives on the Java heap: a
 * replaced snapshot is freed by the garbage collector. Read-only once drawn; thread-safe.
 */
final class SampleBank {
    /** Inputs per block when a draw's weights are written by unit: a cache line of floats. */
    private static final int DRAW_BLOCK = 16;
    /** Rows scored together: each draw's matrices are read once per block. */
    static final int ROW_BLOCK = 64;
    /** Array header bytes of a HotSpot JVM with compressed class pointers, counted per array in {@link #bytes}. */
    private static final int ARRAY_HEADER_BYTES = 16;

    private final int samples;
    private final long bytes;
    private final int[] widths;
    private final Activation activation;
    private final DenseKernel kernel;
    private final FirstLayer first;
    /** Layer 0: [s][unit j] standard normal draws, shared by every row. */
    private final float[][] firstNoise;
    /** Layers l >= 1: [l][s][j][i], draw s of the weight from input unit i to unit j. */
    private final float[][][][] weights;
    /** Layers l >= 1: [l][s][j], draw s of bias j. */
    private final float[][][] biases;

    SampleBank(ParameterLayout layout, Activation activation, double[] mu, double[] sigma, int samples, long seed) {
        this(layout, activation, mu, sigma, samples, seed, DenseKernel.best());
    }

    SampleBank(ParameterLayout layout, Activation activation, double[] mu, double[] sigma, int samples, long seed,
               DenseKernel kernel) {
        this.samples = samples;
        this.widths = layout.widths();
        this.activation = activation;
        this.kernel = kernel;
        int layers = layout.layers(), units = layout.fanOut(0);
        first = new FirstLayer(layout, mu, sigma);
        long heap = first.bytes(ARRAY_HEADER_BYTES) + (long) samples * ((long) units * Float.BYTES + ARRAY_HEADER_BYTES);
        firstNoise = new float[samples][units];
        weights = new float[layers][][][];
        biases = new float[layers][][];
        for (int l = 1; l < layers; l++) {
            weights[l] = new float[samples][layout.fanOut(l)][layout.fanIn(l)];
            biases[l] = new float[samples][layout.fanOut(l)];
            heap += (long) samples * (layout.fanOut(l) * ((long) layout.fanIn(l) * Float.BYTES + ARRAY_HEADER_BYTES)
                    + (long) layout.fanOut(l) * Float.BYTES + ARRAY_HEADER_BYTES);
        }
        this.bytes = heap;
        GaussianSource rng = new GaussianSource(seed);
        int widest = 0;
        for (int l = 1; l < layers; l++) widest = Math.max(widest, layout.fanOut(l));
        double[] draws = new double[DRAW_BLOCK * widest];
        float[] block = new float[DRAW_BLOCK * widest];
        for (int s = 0; s < samples; s++) {
            float[] noise = firstNoise[s];
            for (int j = 0; j < widths[1]; j++) noise[j] = (float) rng.nextGaussian();
            for (int l = 1; l < layers; l++) {
                int lw = layout.weightOffset(l), lb = layout.biasOffset(l), fanOut = layout.fanOut(l);
                float[][] w = weights[l][s];
                // Drawn in parameter order (input i, then unit j), written by unit a block of inputs at a time, so
                // each w[j] receives a cache line at once.
                for (int i0 = 0, fanIn = layout.fanIn(l); i0 < fanIn; i0 += DRAW_BLOCK) {
                    int i1 = Math.min(fanIn, i0 + DRAW_BLOCK), p0 = lw + i0 * fanOut;
                    int n = (i1 - i0) * fanOut;
                    for (int k = 0; k < n; k++) draws[k] = rng.nextGaussian();
                    for (int k = 0; k < n; k++) block[k] = (float) (mu[p0 + k] + sigma[p0 + k] * draws[k]);
                    for (int j = 0; j < fanOut; j++) {
                        float[] wj = w[j];
                        for (int i = i0, k = j; i < i1; i++, k += fanOut) wj[i] = block[k];
                    }
                }
                float[] b = biases[l][s];
                for (int j = 0, p = lb; j < fanOut; j++, p++) b[j] = (float) (mu[p] + sigma[p] * rng.nextGaussian());
            }
        }
    }

    /** Heap this bank holds, bytes (its arrays, headers included, not the references between them). */
    long bytes() {
        return bytes;
    }

    /**
     * Network outputs of every draw for a batch.
     *
     * @param x     [batch, inputs] standardised inputs, row-major
     * @param batch rows in {@code x}
     * @return outputs indexed [b][s][o], flattened row-major: value (b, s, o) at (b * samples + s) * outputs + o, so
     *     that a row's draws, which its summary reads together, are contiguous
     */
    double[] forward(double[] x, int batch) {
        int layers = widths.length - 1, outputs = widths[layers], firstUnits = widths[1];
        int block = Math.min(ROW_BLOCK, batch), span = kernel.span(block);
        boolean relu = activation == Activation.RELU;
        int units = 0;
        for (int l = 1; l <= layers; l++) units = Math.max(units, widths[l]);
        float[][] rowMean = new float[firstUnits][span], rowSd = new float[firstUnits][span]; // [unit][row]
        float[][] h = new float[units][span]; // [unit][row] activations in
        float[][] z = new float[units][span]; // [unit][row] pre-activations out
        double[] mean = new double[firstUnits], variance = new double[firstUnits];
        double[] result = new double[samples * batch * outputs];
        for (int b0 = 0; b0 < batch; b0 += block) {
            int rows = Math.min(block, batch - b0), lanes = kernel.span(rows);
            for (int r = 0; r < rows; r++) first.moments(x, b0 + r, mean, variance, rowMean, rowSd, r);
            for (int s = 0; s < samples; s++) {
                float[] e = firstNoise[s];
                for (int j = 0; j < firstUnits; j++) {
                    float[] m = rowMean[j], sd = rowSd[j], o = z[j];
                    float ej = e[j];
                    if (layers > 1 && relu) {
                        for (int r = 0; r < lanes; r++) o[r] = Math.max(m[r] + sd[r] * ej, 0f);
                    } else {
                        for (int r = 0; r < lanes; r++) o[r] = m[r] + sd[r] * ej;
                    }
                }
                for (int l = 1; l < layers; l++) {
                    if (!relu) for (int j = 0; j < widths[l]; j++) activate(z[j], lanes);
                    float[][] t = h;
                    h = z;
                    z = t;
                    // A ReLU is taken as the kernel stores its sums, in the same pass.
                    kernel.apply(h, rows, widths[l], weights[l][s], biases[l][s], relu && l < layers - 1, z);
                }
                int stride = samples * outputs;
                for (int k = 0; k < outputs; k++) {
                    float[] o = z[k];
                    for (int r = 0, at = (b0 * samples + s) * outputs + k; r < rows; r++, at += stride) result[at] = o[r];
                }
            }
        }
        return result;
    }

    /** The activation (not ReLU, which is fused into the layers), in place, on the first {@code n} values of {@code a}. */
    private void activate(float[] a, int n) {
        switch (activation) {
            case RELU -> throw new IllegalStateException("ReLU is taken where the pre-activations are computed");
            case TANH -> { for (int k = 0; k < n; k++) a[k] = (float) Math.tanh(a[k]); }
            case SIGMOID -> { for (int k = 0; k < n; k++) a[k] = (float) (1.0 / (1.0 + Math.exp(-a[k]))); }
        }
    }
}
