package io.credence.bnn.layer;

import io.credence.bnn.spec.Estimator;

/**
 * One dense layer with a mean-field Gaussian posterior over its weights W [fanIn, fanOut] and biases b [fanOut]
 * (Blundell et al. 2015), trained with one of three reparameterisation estimators (see {@link Estimator}):
 * <ul>
 *   <li>weight reparameterisation: out = in (mu + sigma eps) + b, one eps per mini-batch;</li>
 *   <li>local reparameterisation (Kingma et al. 2015): out = in mu_W + mu_b + sqrt(in^2 sigma_W^2 + sigma_b^2) eps,
 *       eps per example and unit;</li>
 *   <li>flipout (Wen et al. 2018): out = in mu_W + ((in o s_in) dW) o s_out + b with dW = sigma eps shared and random
 *       signs s_in, s_out per example.</li>
 * </ul>
 * Parameters live in the network's flat double vectors (offsets from {@link ParameterLayout}); each pass stages the
 * matrices it multiplies by in float32, and every product, forward and backward, runs on the {@link DenseKernel} with
 * activations held [unit][row] (rows as the vector lanes, each row span(batch) floats). The weight gradient
 * sum_r in[i][r] d[j][r] is the same kernel with the roles turned: the layer's inputs as its weights and d transposed
 * ([row][unit]) as its activations. Gradients are added, in double, to dL/dmu and dL/dsigma; the network maps sigma to
 * rho. Not thread-safe: buffers are reused between calls.
 */
public final class BayesianDense {
    /** Floats per cache line: the block of the transposing loop. */
    private static final int BLOCK = 16;

    private final DenseKernel kernel;
    private final int fanIn;
    private final int fanOut;
    private final int weightOffset;
    private final int biasOffset;
    /** [fanOut][fanIn] the forward's matrix: a weight draw (reparameterisation) or mu (local reparam, flipout). */
    private final float[][] wOut;
    /** [fanIn][fanOut] the same matrix by input unit, for dL/din. */
    private final float[][] wIn;
    /** [fanOut][fanIn] the second matrix: sigma^2 (local reparam) or sigma eps (flipout); [fanIn][fanOut] below. */
    private final float[][] vOut;
    private final float[][] vIn;
    /** [fanOut] the forward's bias: drawn (reparameterisation, flipout) or mu (local reparam); sigma^2 for the variance. */
    private final float[] bias;
    private final float[] biasVariance;
    private final float[] zeroOut;
    private final float[] zeroIn;
    /** [fanIn][span(fanOut)] the weight-gradient products. */
    private final float[][] grad;
    private final float[][] grad2;

    private int batch = -1;
    private float[][] out;      // [fanOut][span] pre-activation, then activation (in place, by the caller)
    private float[][] aux;      // [fanOut][span] sd (local reparam) / perturbation (flipout), then its gradient
    private float[][] noise;    // [fanOut][span] eps (local reparam) / s_out (flipout)
    private float[][] inAux;    // [fanIn][span] in^2 (local reparam) / in o s_in (flipout)
    private float[][] signIn;   // [fanIn][span] s_in (flipout)
    private float[][] dInAux;   // [fanIn][span] second input-gradient term
    private float[][] dT;       // [batch][span(fanOut)] dL/dout by row
    private float[][] dT2;      // [batch][span(fanOut)] the second output gradient by row

    BayesianDense(ParameterLayout layout, int index, DenseKernel kernel) {
        this.kernel = kernel;
        this.fanIn = layout.fanIn(index);
        this.fanOut = layout.fanOut(index);
        this.weightOffset = layout.weightOffset(index);
        this.biasOffset = layout.biasOffset(index);
        wOut = new float[fanOut][fanIn];
        vOut = new float[fanOut][fanIn];
        wIn = new float[fanIn][fanOut];
        vIn = new float[fanIn][fanOut];
        bias = new float[fanOut];
        biasVariance = new float[fanOut];
        zeroOut = new float[fanOut];
        zeroIn = new float[fanIn];
        grad = new float[fanIn][kernel.span(fanOut)];
        grad2 = new float[fanIn][kernel.span(fanOut)];
    }

    public int fanIn() { return fanIn; }
    public int fanOut() { return fanOut; }

    /** The layer's output [fanOut][span(batch)] of the last forward pass (activation applied in place by the caller). */
    float[][] out() { return out; }

    private void ensureBatch(int b) {
        if (b == batch) return;
        batch = b;
        int span = kernel.span(b), outSpan = kernel.span(fanOut);
        out = new float[fanOut][span];
        aux = new float[fanOut][span];
        noise = new float[fanOut][span];
        inAux = new float[fanIn][span];
        signIn = new float[fanIn][span];
        dInAux = new float[fanIn][span];
        dT = new float[b][outSpan];
        dT2 = new float[b][outSpan];
    }

    /**
     * Forward pass of one Monte Carlo draw.
     *
     * @param in    [fanIn][span(batch)] inputs
     * @param mu    flat posterior means
     * @param sigma flat posterior stds
     * @param eps   flat standard-normal draw for this step (weight reparameterisation and flipout)
     * @param rng   per-example noise (local reparameterisation, flipout signs)
     */
    void forward(Estimator estimator, float[][] in, int b, double[] mu, double[] sigma, double[] eps, GaussianSource rng) {
        ensureBatch(b);
        switch (estimator) {
            case REPARAMETERIZATION -> {
                stage(Staged.DRAW, wOut, wIn, mu, sigma, eps);
                for (int j = 0; j < fanOut; j++) bias[j] = drawnBias(j, mu, sigma, eps);
                kernel.apply(in, b, fanIn, wOut, bias, false, out);
            }
            case LOCAL_REPARAMETERIZATION -> {
                stage(Staged.MEAN, wOut, wIn, mu, sigma, eps);
                stage(Staged.VARIANCE, vOut, vIn, mu, sigma, eps);
                for (int j = 0; j < fanOut; j++) {
                    int p = biasOffset + j;
                    bias[j] = (float) mu[p];
                    biasVariance[j] = (float) (sigma[p] * sigma[p]);
                }
                for (int i = 0; i < fanIn; i++) {
                    float[] x = in[i], x2 = inAux[i];
                    for (int r = 0; r < b; r++) x2[r] = x[r] * x[r];
                }
                kernel.apply(in, b, fanIn, wOut, bias, false, out);
                kernel.apply(inAux, b, fanIn, vOut, biasVariance, false, aux);
                for (int j = 0; j < fanOut; j++) {
                    float[] o = out[j], sd = aux[j], e = noise[j];
                    for (int r = 0; r < b; r++) {
                        float eps1 = (float) rng.nextGaussian();
                        float s = (float) Math.sqrt(sd[r]);
                        e[r] = eps1;
                        sd[r] = s;
                        o[r] = Math.fma(s, eps1, o[r]);
                    }
                }
            }
            case FLIPOUT -> {
                stage(Staged.MEAN, wOut, wIn, mu, sigma, eps);
                stage(Staged.PERTURBATION, vOut, vIn, mu, sigma, eps);
                for (int j = 0; j < fanOut; j++) bias[j] = drawnBias(j, mu, sigma, eps);
                for (int i = 0; i < fanIn; i++) {
                    float[] x = in[i], xs = inAux[i], s = signIn[i];
                    for (int r = 0; r < b; r++) {
                        s[r] = (float) rng.nextSign();
                        xs[r] = x[r] * s[r];
                    }
                }
                kernel.apply(in, b, fanIn, wOut, bias, false, out);
                kernel.apply(inAux, b, fanIn, vOut, zeroOut, false, aux);
                for (int j = 0; j < fanOut; j++) {
                    float[] o = out[j], pert = aux[j], s = noise[j];
                    for (int r = 0; r < b; r++) {
                        s[r] = (float) rng.nextSign();
                        o[r] = Math.fma(pert[r], s[r], o[r]);
                    }
                }
            }
        }
    }

    /** What {@link #stage} writes for each weight: its draw mu + sigma eps, its mean, its variance, or sigma eps. */
    private enum Staged { DRAW, MEAN, VARIANCE, PERTURBATION }

    /** Writes one matrix of this layer's weights by input unit ({@code byIn}), then by output unit ({@code byOut}). */
    private void stage(Staged what, float[][] byOut, float[][] byIn, double[] mu, double[] sigma, double[] eps) {
        for (int i = 0; i < fanIn; i++) {
            float[] row = byIn[i];
            int p = weightOffset + i * fanOut;
            switch (what) {
                case DRAW -> { for (int j = 0; j < fanOut; j++) row[j] = (float) (mu[p + j] + sigma[p + j] * eps[p + j]); }
                case MEAN -> { for (int j = 0; j < fanOut; j++) row[j] = (float) mu[p + j]; }
                case VARIANCE -> { for (int j = 0; j < fanOut; j++) row[j] = (float) (sigma[p + j] * sigma[p + j]); }
                case PERTURBATION -> { for (int j = 0; j < fanOut; j++) row[j] = (float) (sigma[p + j] * eps[p + j]); }
            }
        }
        transpose(byIn, byOut, fanOut);
    }

    private float drawnBias(int j, double[] mu, double[] sigma, double[] eps) {
        int p = biasOffset + j;
        return (float) (mu[p] + sigma[p] * eps[p]);
    }

    /**
     * Backward pass of the last forward draw: adds dL/dmu and dL/dsigma of this layer's parameters to the flat
     * accumulators and, when {@code dIn} is not null, writes dL/din into it.
     *
     * @param in   the same inputs as the forward pass, [fanIn][span(batch)]
     * @param dOut [fanOut][span(batch)] dL/d(pre-activation output); the local reparam and flipout passes overwrite it
     * @param dIn  [fanIn][span(batch)] output, or null for the first layer
     */
    void backward(Estimator estimator, float[][] in, float[][] dOut, float[][] dIn, double[] sigma, double[] eps,
                  double[] gMu, double[] gSigma) {
        int b = batch;
        transpose(dOut, dT, b);
        kernel.apply(dT, fanOut, b, in, zeroIn, false, grad);
        switch (estimator) {
            case REPARAMETERIZATION -> {
                for (int i = 0; i < fanIn; i++) {
                    float[] g = grad[i];
                    for (int j = 0, p = weightOffset + i * fanOut; j < fanOut; j++, p++) {
                        gMu[p] += g[j];
                        gSigma[p] += g[j] * eps[p];
                    }
                }
                sampledBiasGradient(dOut, b, eps, gMu, gSigma);
                if (dIn != null) kernel.apply(dOut, b, fanOut, wIn, zeroIn, false, dIn);
            }
            case LOCAL_REPARAMETERIZATION -> {
                // dL/d(variance) = dL/dout * eps / (2 sd), written over sd in aux.
                for (int j = 0; j < fanOut; j++) {
                    float[] d = dOut[j], sd = aux[j], e = noise[j];
                    for (int r = 0; r < b; r++) sd[r] = d[r] * e[r] / (2 * sd[r]);
                }
                addWeightGradients(2f, sigma, gMu, gSigma);
                for (int j = 0; j < fanOut; j++) {
                    int p = biasOffset + j;
                    gMu[p] += sum(dOut[j], b);
                    gSigma[p] += sum(aux[j], b) * 2 * sigma[p];
                }
                if (dIn != null) {
                    kernel.apply(dOut, b, fanOut, wIn, zeroIn, false, dIn);
                    kernel.apply(aux, b, fanOut, vIn, zeroIn, false, dInAux);
                    for (int i = 0; i < fanIn; i++) {
                        float[] x = in[i], di = dIn[i], da = dInAux[i];
                        for (int r = 0; r < b; r++) di[r] = Math.fma(2 * x[r], da[r], di[r]);
                    }
                }
            }
            case FLIPOUT -> {
                for (int j = 0; j < fanOut; j++) {
                    float[] d = dOut[j], dp = aux[j], s = noise[j];
                    for (int r = 0; r < b; r++) dp[r] = d[r] * s[r];
                }
                addWeightGradients(1f, eps, gMu, gSigma);
                sampledBiasGradient(dOut, b, eps, gMu, gSigma);
                if (dIn != null) {
                    kernel.apply(dOut, b, fanOut, wIn, zeroIn, false, dIn);
                    kernel.apply(aux, b, fanOut, vIn, zeroIn, false, dInAux);
                    for (int i = 0; i < fanIn; i++) {
                        float[] di = dIn[i], da = dInAux[i], s = signIn[i];
                        for (int r = 0; r < b; r++) di[r] = Math.fma(da[r], s[r], di[r]);
                    }
                }
            }
        }
    }

    /**
     * The weights' gradients of the two-matrix estimators: dL/dmu from {@code grad} (the first product's), and
     * dL/dsigma = scale * factor * (the second product's gradient, inAux against aux transposed).
     */
    private void addWeightGradients(float scale, double[] factor, double[] gMu, double[] gSigma) {
        transpose(aux, dT2, batch);
        kernel.apply(dT2, fanOut, batch, inAux, zeroIn, false, grad2);
        for (int i = 0; i < fanIn; i++) {
            float[] g = grad[i], g2 = grad2[i];
            for (int j = 0, p = weightOffset + i * fanOut; j < fanOut; j++, p++) {
                gMu[p] += g[j];
                gSigma[p] += g2[j] * scale * factor[p];
            }
        }
    }

    private void sampledBiasGradient(float[][] dOut, int b, double[] eps, double[] gMu, double[] gSigma) {
        for (int j = 0; j < fanOut; j++) {
            double g = sum(dOut[j], b);
            int p = biasOffset + j;
            gMu[p] += g;
            gSigma[p] += g * eps[p];
        }
    }

    private static double sum(float[] v, int n) {
        double s = 0;
        for (int r = 0; r < n; r++) s += v[r];
        return s;
    }

    /** to[r][j] = from[j][r] for r < rows and j < from.length, sixteen units at a time (a cache line of each to[r]). */
    private static void transpose(float[][] from, float[][] to, int rows) {
        for (int j0 = 0; j0 < from.length; j0 += BLOCK) {
            int j1 = Math.min(from.length, j0 + BLOCK);
            for (int r = 0; r < rows; r++) {
                float[] t = to[r];
                for (int j = j0; j < j1; j++) t[j] = from[j][r];
            }
        }
    }
}
