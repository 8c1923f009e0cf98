package io.credence.bnn.predictive;

import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;

/**
 * S weight draws from the posterior in float32 (the precision snapshots carry), stored "draw-minor": the S draws of
 * each weight and bias are contiguous, so one forward pass advances all S networks at once through loops whose
 * innermost index is the draw. Those loops have no reductions and read and write every array at the same index, which
 * is what lets the JIT (C2, JDK 17) turn them into SIMD multiply-adds; an offset into any of the arrays stops it, hence
 * the arrays of arrays.
 *
 * <p>Why plain Java and not ND4J GEMMs: scoring is S small networks per row. Laid side by side as ND4J matrices they
 * either cost one native call per draw and layer (about 10-40 us each here) or materialise a [batch, S x width] array
 * per layer that falls out of cache. Here rows are scored in blocks of up to {@link #ROW_BLOCK}, so each weight's S
 * draws are read once per block while the block's activations stay in L1/L2. Every row is computed by the same
 * sequence of float operations whatever the batch, so a record scores bit-identically alone (POST /predict) or in a
 * micro-batch (the stream), and the bank lives on the Java heap: a replaced snapshot is freed by the garbage
 * collector, with no native memory to release.
 *
 * <p>Drawn once per (posterior, seed, S), then read-only. Thread-safe.
 */
final class SampleBank {
    /** Rows scored together: enough to reuse each weight's draws, few enough to keep the activations cache-resident. */
    static final int ROW_BLOCK = 8;

    private final int samples;
    private final int[] widths;
    private final Activation activation;
    /** Layer 0: [input i][j * S + s], draw s of weight (i, j): one long row per input, shared by every unit. */
    private final float[][] firstWeights;
    /** Layer 0: [j * S + s], draw s of bias j. */
    private final float[] firstBias;
    /** Layers l >= 1: [l][i][j][s], draw s of weight (i, j). */
    private final float[][][][] weights;
    /** Layers l >= 1: [l][j][s], draw s of bias j. */
    private final float[][][] biases;

    SampleBank(ParameterLayout layout, Activation activation, double[] mu, double[] sigma, int samples, long seed) {
        this.samples = samples;
        this.widths = layout.widths();
        this.activation = activation;
        int layers = layout.layers();
        firstWeights = new float[layout.fanIn(0)][layout.fanOut(0) * samples];
        firstBias = new float[layout.fanOut(0) * samples];
        weights = new float[layers][][][];
        biases = new float[layers][][];
        for (int l = 1; l < layers; l++) {
            weights[l] = new float[layout.fanIn(l)][layout.fanOut(l)][samples];
            biases[l] = new float[layout.fanOut(l)][samples];
        }
        GaussianSource rng = new GaussianSource(seed);
        for (int s = 0; s < samples; s++) {
            // Draw sample s of every layer in parameter order, so a bank of S draws extends one of S-1 draws.
            for (int l = 0; l < layers; l++) {
                int fanIn = layout.fanIn(l), fanOut = layout.fanOut(l), lw = layout.weightOffset(l), lb = layout.biasOffset(l);
                for (int i = 0; i < fanIn; i++) {
                    for (int j = 0; j < fanOut; j++) {
                        int p = lw + i * fanOut + j;
                        float w = (float) (mu[p] + sigma[p] * rng.nextGaussian());
                        if (l == 0) firstWeights[i][j * samples + s] = w;
                        else weights[l][i][j][s] = w;
                    }
                }
                for (int j = 0; j < fanOut; j++) {
                    float b = (float) (mu[lb + j] + sigma[lb + j] * rng.nextGaussian());
                    if (l == 0) firstBias[j * samples + s] = b;
                    else biases[l][j][s] = b;
                }
            }
        }
    }

    int samples() { return samples; }

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
        int units = 0; // widest layer after the first
        for (int l = 2; l <= layers; l++) units = Math.max(units, widths[l]);
        float[][] first = new float[block][widths[1] * S];   // [row][j * S + s] layer 0's output
        float[][][] h = new float[block][Math.max(units, widths[1])][S];          // [row][unit][s] activations in
        float[][][] z = new float[block][Math.max(units, widths[1])][S]; // [row][unit][s] pre-activations out
        double[] result = new double[S * batch * outputs];
        for (int b0 = 0; b0 < batch; b0 += block) {
            int rows = Math.min(block, batch - b0);
            firstLayer(x, b0, rows, first);
            if (layers == 1) {
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < outputs; o++) {
                        for (int s = 0; s < S; s++) result[(s * batch + b0 + r) * outputs + o] = first[r][o * S + s];
                    }
                }
                continue;
            }
            for (int r = 0; r < rows; r++) {
                activate(first[r]);
                for (int j = 0; j < widths[1]; j++) System.arraycopy(first[r], j * S, h[r][j], 0, S);
            }
            for (int l = 1; l < layers; l++) {
                hiddenLayer(l, h, rows, z);
                if (l < layers - 1) {
                    for (int r = 0; r < rows; r++) for (int j = 0; j < widths[l + 1]; j++) activate(z[r][j]);
                    float[][][] t = h;
                    h = z;
                    z = t;
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outputs; o++) {
                    for (int s = 0; s < S; s++) result[(s * batch + b0 + r) * outputs + o] = z[r][o][s];
                }
            }
        }
        return result;
    }

    /** out[r][j * S + s] = b[j][s] + sum_i x[r][i] * w[i][j][s]: the input is shared by all draws and units. */
    private void firstLayer(double[] x, int b0, int rows, float[][] out) {
        int inputs = widths[0], n = firstBias.length;
        for (int r = 0; r < rows; r++) System.arraycopy(firstBias, 0, out[r], 0, n);
        for (int i = 0; i < inputs; i++) {
            float[] w = firstWeights[i];
            for (int r = 0; r < rows; r++) {
                float xi = (float) x[(b0 + r) * inputs + i];
                float[] o = out[r];
                for (int k = 0; k < n; k++) o[k] += xi * w[k];
            }
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
