package io.credence.bnn.layer;

import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stack of {@link BayesianDense} layers with a hidden activation and a linear output layer: one Monte Carlo forward
 * pass and its backward pass over a mini-batch, in float32 on this JVM's {@link DenseKernel#best} kernel. Inputs come in and outputs go out as row-major doubles; inside, activations are held [unit][row].
 * Not thread-safe.
 */
public final class BayesianMlp {
    private static final DenseKernel KERNEL = DenseKernel.best();

    private final ParameterLayout layout;
    private final Activation activation;
    private final List<BayesianDense> layers = new ArrayList<>();
    private final int inputs;
    private final int outputs;
    private int batch = -1;
    private float[][] x;        // [inputs][span] the inputs by feature
    private float[][][] dActs;  // dActs[l]: [fanIn(l)][span] gradient w.r.t. layer l's input (l >= 1); dActs[L]: the outputs'
    private double[] out;       // [batch * outputs] the network outputs, row-major
    private double[] dOut;      // [batch * outputs] the gradient w.r.t. them

    public BayesianMlp(ParameterLayout layout, Activation activation) {
        this.layout = layout;
        this.activation = activation;
        this.inputs = layout.fanIn(0);
        this.outputs = layout.fanOut(layout.layers() - 1);
        for (int l = 0; l < layout.layers(); l++) layers.add(new BayesianDense(layout, l, KERNEL));
    }

    public ParameterLayout layout() { return layout; }

    /**
     * One Monte Carlo forward pass.
     *
     * @param xs [batch * inputs] standardised inputs, row-major
     * @return [batch * outputs] network outputs, row-major; valid until the next call
     */
    public double[] forward(Estimator estimator, double[] xs, int b, double[] mu, double[] sigma, double[] eps,
                            GaussianSource rng) {
        ensureBatch(b);
        for (int r = 0; r < b; r++)
            for (int i = 0; i < inputs; i++) x[i][r] = (float) xs[r * inputs + i];
        float[][] in = x;
        for (int l = 0; l < layers.size(); l++) {
            BayesianDense layer = layers.get(l);
            layer.forward(estimator, in, b, mu, sigma, eps, rng);
            in = layer.out();
            if (l < layers.size() - 1) for (float[] unit : in) ActivationFunction.apply(activation, unit, b);
        }
        for (int k = 0; k < outputs; k++)
            for (int r = 0; r < b; r++) out[r * outputs + k] = in[k][r];
        return out;
    }

    /** A zeroed [batch * outputs] row-major array for the likelihood to write dL/doutput into. */
    public double[] outputGradient(int b) {
        ensureBatch(b);
        Arrays.fill(dOut, 0.0);
        return dOut;
    }

    /** Backpropagates {@link #outputGradient} of the last forward pass into the flat mu/sigma accumulators. */
    public void backward(Estimator estimator, double[] sigma, double[] eps, double[] gMu, double[] gSigma) {
        int b = batch, last = layers.size() - 1;
        float[][] grad = dActs[last + 1];
        for (int k = 0; k < outputs; k++)
            for (int r = 0; r < b; r++) grad[k][r] = (float) dOut[r * outputs + k];
        for (int l = last; l >= 0; l--) {
            BayesianDense layer = layers.get(l);
            float[][] in = l == 0 ? x : layers.get(l - 1).out();
            float[][] dIn = l == 0 ? null : dActs[l];
            layer.backward(estimator, in, grad, dIn, sigma, eps, gMu, gSigma);
            if (dIn != null) {
                for (int i = 0; i < dIn.length; i++) ActivationFunction.backprop(activation, in[i], dIn[i], b);
                grad = dIn;
            }
        }
    }

    private void ensureBatch(int b) {
        if (b == batch) return;
        batch = b;
        int span = KERNEL.span(b);
        x = new float[inputs][span];
        dActs = new float[layers.size() + 1][][];
        for (int l = 1; l <= layers.size(); l++) dActs[l] = new float[layout.fanOut(l - 1)][span];
        out = new double[b * outputs];
        dOut = new double[b * outputs];
    }
}
