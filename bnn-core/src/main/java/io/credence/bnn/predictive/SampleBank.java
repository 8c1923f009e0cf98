package io.credence.bnn.predictive;

import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * S weight draws from the posterior, laid out so one forward pass serves all S draws and the whole micro-batch in a
 * few large calls: the first layer's draws side by side as one [inputs, S * width] matrix (a single GEMM), the later
 * layers as [S, fanIn, fanOut] stacks for one batched matmul each. Drawn once per (posterior, seed, S) and then
 * read-only, so predictions are reproducible and no random numbers are drawn while scoring. Thread-safe.
 */
final class SampleBank {
    private final int samples;
    private final int[] widths;
    private final Activation activation;
    private final INDArray firstWeights; // [inputs, S * width1]
    private final INDArray firstBias;    // [1, S * width1]
    private final INDArray[] weights;    // [S, fanIn, fanOut] for layers >= 1
    private final INDArray[] biases;     // [S, 1, fanOut]

    SampleBank(ParameterLayout layout, Activation activation, double[] mu, double[] sigma, int samples, long seed) {
        this.samples = samples;
        this.widths = layout.widths();
        this.activation = activation;
        GaussianSource rng = new GaussianSource(seed);
        int in0 = layout.fanIn(0), out0 = layout.fanOut(0);
        double[] w0 = new double[in0 * samples * out0];
        double[] b0 = new double[samples * out0];
        int layers = layout.layers();
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        for (int l = 1; l < layers; l++) {
            w[l] = new double[samples * layout.fanIn(l) * layout.fanOut(l)];
            b[l] = new double[samples * layout.fanOut(l)];
        }
        for (int s = 0; s < samples; s++) {
            // Draw sample s of every layer in parameter order, so a bank of S draws extends one of S-1 draws.
            int wo = layout.weightOffset(0), bo = layout.biasOffset(0);
            for (int i = 0; i < in0; i++) {
                for (int j = 0; j < out0; j++) {
                    int p = wo + i * out0 + j;
                    w0[i * samples * out0 + s * out0 + j] = mu[p] + sigma[p] * rng.nextGaussian();
                }
            }
            for (int j = 0; j < out0; j++) b0[s * out0 + j] = mu[bo + j] + sigma[bo + j] * rng.nextGaussian();
            for (int l = 1; l < layers; l++) {
                int n = layout.fanIn(l) * layout.fanOut(l);
                int lw = layout.weightOffset(l), lb = layout.biasOffset(l), fo = layout.fanOut(l);
                for (int k = 0; k < n; k++) w[l][s * n + k] = mu[lw + k] + sigma[lw + k] * rng.nextGaussian();
                for (int j = 0; j < fo; j++) b[l][s * fo + j] = mu[lb + j] + sigma[lb + j] * rng.nextGaussian();
            }
        }
        firstWeights = Nd4j.create(w0, new long[] {in0, (long) samples * out0}, 'c');
        firstBias = Nd4j.create(b0, new long[] {1, (long) samples * out0}, 'c');
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        for (int l = 1; l < layers; l++) {
            weights[l] = Nd4j.create(w[l], new long[] {samples, layout.fanIn(l), layout.fanOut(l)}, 'c');
            biases[l] = Nd4j.create(b[l], new long[] {samples, 1, layout.fanOut(l)}, 'c');
        }
    }

    int samples() { return samples; }

    /**
     * Network outputs of every draw for a batch.
     *
     * @param x [batch, inputs] standardised inputs (DOUBLE)
     * @return outputs indexed [s][b][o], flattened row-major: value (s, b, o) at (s * batch + b) * outputs + o
     */
    double[] forward(INDArray x) {
        int batch = (int) x.rows();
        int layers = widths.length - 1;
        INDArray z = x.mmul(firstWeights).addiRowVector(firstBias); // [batch, S * width1]
        if (layers == 1) {
            // [batch, S, outputs] -> [S, batch, outputs]
            return z.reshape('c', batch, samples, widths[1]).permute(1, 0, 2).dup('c').data().asDouble();
        }
        activate(z);
        INDArray h = z.reshape('c', batch, samples, widths[1]).permute(1, 0, 2); // [S, batch, width1]
        for (int l = 1; l < layers; l++) {
            h = Nd4j.matmul(h, weights[l]).addi(biases[l]); // [S, batch, width(l+1)]
            if (l < layers - 1) activate(h);
        }
        return h.dup('c').data().asDouble();
    }

    private void activate(INDArray z) {
        switch (activation) {
            case RELU -> Transforms.relu(z, false);
            case TANH -> Transforms.tanh(z, false);
            case SIGMOID -> Transforms.sigmoid(z, false);
        }
    }
}
