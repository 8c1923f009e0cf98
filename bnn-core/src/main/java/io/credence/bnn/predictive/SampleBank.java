package io.credence.bnn.predictive;

import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;

/**
 * S posterior draws for Monte Carlo prediction, laid out so one forward pass advances all S networks at once.
 *
 * <p>First layer: local reparameterisation. The input x is the same for every draw and the weights are independent
 * Gaussians, so given x each first-layer pre-activation is exactly N(m_j, v_j) with m_j = b_mu_j + sum_i x_i mu_ij and
 * v_j = b_sigma_j^2 + sum_i x_i^2 sigma_ij^2: one mean and one variance product per row (2 x inputs x width
 * multiply-adds) and S scaled standard normals per unit, instead of S weight matrices (S x inputs x width). The S
 * normals of each unit are drawn once per bank and shared by every row, so each predicted curve stays smooth in x and a
 * row's prediction does not depend on its neighbours. Later layers: S weight draws each, since their inputs differ
 * from draw to draw. For one row the S draws of (first-layer output, later weights) have exactly the joint distribution
 * that sampling whole weight matrices gives, so every per-row summary (mean, std, quantiles, epistemic and aleatoric
 * parts) is the same estimator at a fraction of the cost.
 *
 * <p>Layout: float32 (the precision snapshots carry), "draw-minor": the S values of each unit, weight and bias are one
 * contiguous array, so the loops run over the draw index, with no reductions and every array read and written at the
 * same index, which is what lets the JIT (C2, JDK 17) turn them into SIMD multiply-adds (an offset into any of the
 * arrays stops it, hence the arrays of arrays). Why plain Java and not ND4J: scoring is S small networks per row. As
 * ND4J matrices they either cost a native call per draw and layer (10-40 us each here) or a [batch, S x width] array
 * per layer that falls out of cache. Rows go in blocks of up to {@link #ROW_BLOCK}, so each weight's S draws are read
 * once per block while the block's activations stay in L1/L2.
 *
 * <p>Every row is computed by the same sequence of float operations whatever the batch, so a record scores
 * bit-identically alone (POST /predict) or in a micro-batch (the stream). The bank lives on the Java heap: a replaced
 * snapshot is freed by the garbage collector, with no native memory to release. Drawn once per (posterior, seed, S),
 * then read-only. Thread-safe.
 */
final class SampleBank {
    /** Rows scored together: enough to reuse each weight's draws, few enough to keep the activations cache-resident. */
    static final int ROW_BLOCK = 8;
    /**
     * Draws made before they are spread into the draw-minor arrays: writing draw s of every weight, then draw s + 1,
     * touches each weight's array once per draw, a cache miss each in a wide layer; a block of draws touches it once per
     * block. The bank of 100 draws of a 784-1200-1200-10 network took 3.5 s of CPU drawn one at a time, 1.3 s in
     * blocks (of 11 there, under {@link #MAX_BLOCK_FLOATS}).
     */
    static final int DRAW_BLOCK = 16;
    /** Bound of the block's buffer, floats (64 MiB): fewer draws per block for networks wider than 1M weights. */
    static final long MAX_BLOCK_FLOATS = 1L << 24;

    /** Array header bytes of a HotSpot JVM with compressed class pointers, counted per array in {@link #bytes}. */
    private static final int ARRAY_HEADER_BYTES = 16;

    private final int samples;
    /** Heap this bank holds, bytes (its arrays, headers included, not the references between them). */
    private final long bytes;
    private final int[] widths;
    private final Activation activation;
    /** Layer 0 posterior: [input i][unit j] weight means and variances, [unit j] bias mean and variance. */
    private final double[][] firstMean;
    private final double[][] firstVariance;
    private final double[] firstBiasMean;
    private final double[] firstBiasVariance;
    /** Layer 0: [unit j][s] standard normal draws, shared by every row. */
    private final float[][] firstNoise;
    /** Layers l >= 1: [l][i][j][s], draw s of weight (i, j). */
    private final float[][][][] weights;
    /** Layers l >= 1: [l][j][s], draw s of bias j. */
    private final float[][][] biases;

    SampleBank(ParameterLayout layout, Activation activation, double[] mu, double[] sigma, int samples, long seed) {
        this.samples = samples;
        this.widths = layout.widths();
        this.activation = activation;
        int layers = layout.layers(), inputs = layout.fanIn(0), units = layout.fanOut(0);
        firstMean = new double[inputs][units];
        firstVariance = new double[inputs][units];
        firstBiasMean = new double[units];
        firstBiasVariance = new double[units];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < units; j++) {
                int p = layout.weightOffset(0) + i * units + j;
                firstMean[i][j] = mu[p];
                firstVariance[i][j] = sigma[p] * sigma[p];
            }
        }
        for (int j = 0; j < units; j++) {
            int p = layout.biasOffset(0) + j;
            firstBiasMean[j] = mu[p];
            firstBiasVariance[j] = sigma[p] * sigma[p];
        }
        firstNoise = new float[units][samples];
        weights = new float[layers][][][];
        biases = new float[layers][][];
        for (int l = 1; l < layers; l++) {
            weights[l] = new float[layout.fanIn(l)][layout.fanOut(l)][samples];
            biases[l] = new float[layout.fanOut(l)][samples];
        }
        long heap = (long) inputs * (2L * units * Double.BYTES + 2 * ARRAY_HEADER_BYTES) + 2L * units * Double.BYTES
                + (long) units * (samples * Float.BYTES + ARRAY_HEADER_BYTES);
        for (int l = 1; l < layers; l++) {
            heap += (long) (layout.fanIn(l) + 1) * layout.fanOut(l) * (samples * Float.BYTES + ARRAY_HEADER_BYTES);
        }
        this.bytes = heap;
        GaussianSource rng = new GaussianSource(seed);
        int perDraw = 0; // weights and biases of layers >= 1 in one draw
        for (int l = 1; l < layers; l++) perDraw += layout.fanIn(l) * layout.fanOut(l) + layout.fanOut(l);
        int block = (int) Math.max(1, Math.min(DRAW_BLOCK, MAX_BLOCK_FLOATS / Math.max(1, perDraw)));
        float[] drawn = new float[Math.min(block, samples) * perDraw];
        for (int s0 = 0; s0 < samples; s0 += block) {
            int n = Math.min(block, samples - s0);
            for (int b = 0; b < n; b++) {
                // Draw s of everything in turn, so a bank of S draws extends one of S-1 draws.
                int s = s0 + b;
                for (int j = 0; j < units; j++) firstNoise[j][s] = (float) rng.nextGaussian();
                int k = b * perDraw;
                for (int l = 1; l < layers; l++) {
                    int lw = layout.weightOffset(l), lb = layout.biasOffset(l), size = layout.fanIn(l) * layout.fanOut(l);
                    for (int p = lw; p < lw + size; p++) drawn[k++] = (float) (mu[p] + sigma[p] * rng.nextGaussian());
                    for (int p = lb; p < lb + layout.fanOut(l); p++) drawn[k++] = (float) (mu[p] + sigma[p] * rng.nextGaussian());
                }
            }
            // Then into the draw-minor layout: n consecutive draws of each weight at once, not one draw of every weight.
            int k = 0;
            for (int l = 1; l < layers; l++) {
                for (float[][] row : weights[l]) for (float[] w : row) spread(drawn, k++, perDraw, w, s0, n);
                for (float[] bias : biases[l]) spread(drawn, k++, perDraw, bias, s0, n);
            }
        }
    }

    /** Heap this bank holds, bytes. */
    long bytes() {
        return bytes;
    }

    /** to[s0 + b] = drawn[b * stride + at] for b in [0, n): draws s0 .. s0 + n - 1 of one weight. */
    private static void spread(float[] drawn, int at, int stride, float[] to, int s0, int n) {
        for (int b = 0; b < n; b++) to[s0 + b] = drawn[b * stride + at];
    }

    /**
     * Network outputs of every draw for a batch.
     *
     * @param x     [batch, inputs] standardised inputs, row-major
     * @param batch rows in {@code x}
     * @return outputs indexed [s][b][o], flattened row-major: value (s, b, o) at (s * batch + b) * outputs + o
     */
    double[] forward(double[] x, int batch) {
        int layers = widths.length - 1, outputs = widths[layers], S = samples;
        int block = Math.min(ROW_BLOCK, batch);
        int units = 0;
        for (int l = 1; l <= layers; l++) units = Math.max(units, widths[l]);
        float[][][] h = new float[block][units][S]; // [row][unit][s] activations in
        float[][][] z = new float[block][units][S]; // [row][unit][s] pre-activations out
        double[] mean = new double[widths[1]], variance = new double[widths[1]];
        double[] result = new double[S * batch * outputs];
        for (int b0 = 0; b0 < batch; b0 += block) {
            int rows = Math.min(block, batch - b0);
            for (int r = 0; r < rows; r++) firstLayer(x, b0 + r, mean, variance, z[r]);
            for (int l = 1; l < layers; l++) {
                for (int r = 0; r < rows; r++) for (int j = 0; j < widths[l]; j++) activate(z[r][j]);
                float[][][] t = h;
                h = z;
                z = t;
                hiddenLayer(l, h, rows, z);
            }
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outputs; o++) {
                    float[] zs = z[r][o];
                    for (int s = 0; s < S; s++) result[(s * batch + b0 + r) * outputs + o] = zs[s];
                }
            }
        }
        return result;
    }

    /** out[j][s] = m_j + sqrt(v_j) * noise[j][s] for row {@code row}: the local reparameterisation of layer 0. */
    private void firstLayer(double[] x, int row, double[] mean, double[] variance, float[][] out) {
        int inputs = widths[0], units = widths[1];
        System.arraycopy(firstBiasMean, 0, mean, 0, units);
        System.arraycopy(firstBiasVariance, 0, variance, 0, units);
        for (int i = 0; i < inputs; i++) {
            double xi = x[row * inputs + i], xi2 = xi * xi;
            double[] m = firstMean[i], v = firstVariance[i];
            for (int j = 0; j < units; j++) {
                mean[j] += xi * m[j];
                variance[j] += xi2 * v[j];
            }
        }
        for (int j = 0; j < units; j++) {
            float m = (float) mean[j], sd = (float) Math.sqrt(variance[j]);
            float[] e = firstNoise[j], o = out[j];
            for (int s = 0; s < samples; s++) o[s] = m + sd * e[s];
        }
    }

    /** z[r][j][s] = b[j][s] + sum_i h[r][i][s] * w[i][j][s]: each draw its own weights. */
    private void hiddenLayer(int l, float[][][] h, int rows, float[][][] z) {
        int fanIn = widths[l], fanOut = widths[l + 1], S = samples;
        for (int r = 0; r < rows; r++) for (int j = 0; j < fanOut; j++) System.arraycopy(biases[l][j], 0, z[r][j], 0, S);
        for (int i = 0; i < fanIn; i++) {
            float[][] wi = weights[l][i];
            for (int j = 0; j < fanOut; j++) {
                float[] w = wi[j];
                for (int r = 0; r < rows; r++) {
                    float[] hs = h[r][i], zs = z[r][j];
                    for (int s = 0; s < S; s++) zs[s] += hs[s] * w[s];
                }
            }
        }
    }

    private void activate(float[] a) {
        switch (activation) {
            // Math.max, not a branch: about half the pre-activations are negative, and a mispredicted branch per
            // element costs several times the arithmetic.
            case RELU -> { for (int k = 0; k < a.length; k++) a[k] = Math.max(a[k], 0f); }
            case TANH -> { for (int k = 0; k < a.length; k++) a[k] = (float) Math.tanh(a[k]); }
            case SIGMOID -> { for (int k = 0; k < a.length; k++) a[k] = (float) (1.0 / (1.0 + Math.exp(-a[k]))); }
        }
    }
}
