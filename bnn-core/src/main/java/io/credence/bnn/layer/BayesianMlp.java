package io.credence.bnn.layer;

import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A stack of {@link BayesianDense} layers with a hidden activation and a linear output layer: one Monte Carlo forward
 * pass and its backward pass over a mini-batch. Owns the ND4J staging arrays the layers multiply by. Not thread-safe.
 */
public final class BayesianMlp {
    private final ParameterLayout layout;
    private final Activation activation;
    private final List<BayesianDense> layers = new ArrayList<>();
    private int batch = -1;
    private INDArray[] dActs;   // dActs[l]: [batch, fanIn(l)] gradient w.r.t. layer l's input, l >= 1
    private INDArray dOut;      // [batch, outputs] gradient w.r.t. the network output
    private double[] scratchA;  // [batch * widest hidden layer] heap copies for the activation loops
    private double[] scratchB;

    public BayesianMlp(ParameterLayout layout, Activation activation) {
        this.layout = layout;
        this.activation = activation;
        int p = layout.size();
        INDArray stageA = Nd4j.zeros(DataType.DOUBLE, p);
        INDArray stageB = Nd4j.zeros(DataType.DOUBLE, p);
        INDArray gradA = Nd4j.zeros(DataType.DOUBLE, p);
        INDArray gradB = Nd4j.zeros(DataType.DOUBLE, p);
        for (int l = 0; l < layout.layers(); l++) layers.add(new BayesianDense(layout, l, stageA, stageB, gradA, gradB));
    }

    public ParameterLayout layout() { return layout; }

    /**
     * One Monte Carlo forward pass.
     *
     * @param x [batch, inputs] standardised inputs (a non-view DOUBLE array)
     * @return [batch, outputs] network outputs; valid until the next call
     */
    public INDArray forward(Estimator estimator, INDArray x, double[] mu, double[] sigma, double[] eps, GaussianSource rng) {
        ensureBatch((int) x.rows());
        INDArray in = x;
        for (int l = 0; l < layers.size(); l++) {
            BayesianDense layer = layers.get(l);
            layer.forward(estimator, in, mu, sigma, eps, rng);
            in = layer.out();
            if (l < layers.size() - 1) {
                ActivationFunction.apply(activation, HostMemory.read(in), (int) in.length(), scratchA);
                HostMemory.written(in);
            }
        }
        return in;
    }

    /** A zeroed [batch, outputs] array for the likelihood to write dL/doutput into. */
    public INDArray outputGradient(int b) {
        ensureBatch(b);
        dOut.assign(0.0);
        return dOut;
    }

    /** Backpropagates {@link #outputGradient} of the last forward pass into the flat mu/sigma accumulators. */
    public void backward(Estimator estimator, INDArray x, double[] sigma, double[] eps, double[] gMu, double[] gSigma) {
        INDArray grad = dOut;
        for (int l = layers.size() - 1; l >= 0; l--) {
            BayesianDense layer = layers.get(l);
            INDArray in = l == 0 ? x : layers.get(l - 1).out();
            INDArray dIn = l == 0 ? null : dActs[l];
            layer.backward(estimator, in, grad, dIn, sigma, eps, gMu, gSigma);
            if (dIn != null) {
                ActivationFunction.backprop(activation, HostMemory.read(in), HostMemory.read(dIn), (int) dIn.length(), scratchA, scratchB);
                HostMemory.written(dIn);
                grad = dIn;
            }
        }
    }

    private void ensureBatch(int b) {
        if (b == batch) return;
        batch = b;
        dActs = new INDArray[layers.size()];
        for (int l = 1; l < layers.size(); l++) dActs[l] = Nd4j.zeros(DataType.DOUBLE, b, layout.fanIn(l));
        dOut = Nd4j.zeros(DataType.DOUBLE, b, layout.fanOut(layers.size() - 1));
        int widest = 0;
        for (int l = 1; l < layers.size(); l++) widest = Math.max(widest, layout.fanIn(l));
        scratchA = new double[b * widest];
        scratchB = new double[b * widest];
    }
}
