package io.credence.bnn.layer;

import io.credence.bnn.spec.Estimator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.DoubleBuffer;

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
 * Parameters live in the network's flat vectors (offsets from {@link ParameterLayout}); the matrix products run as ND4J
 * GEMMs on staging arrays, the element-wise work as plain loops over their host buffers ({@link HostMemory}), because
 * on a CPU every ND4J call costs 10-40 us whatever its size (see docs/benchmarks.md). Gradients are written for mu and sigma; the network maps
 * sigma to rho. Not thread-safe: buffers are reused between calls.
 */
public final class BayesianDense {
    private final int fanIn;
    private final int fanOut;
    private final int weightOffset;
    private final int biasOffset;
    /** Views [fanIn, fanOut] into the network's staging arrays: the matrices the GEMMs multiply by. */
    private final INDArray stageA;
    private final INDArray stageB;
    /** Views [fanIn, fanOut] into the network's weight-gradient staging arrays. */
    private final INDArray gradA;
    private final INDArray gradB;
    private final INDArray stageFlatA;
    private final INDArray stageFlatB;
    private final INDArray gradFlatA;
    private final INDArray gradFlatB;
    private final DoubleBuffer stageABuf;
    private final DoubleBuffer stageBBuf;
    private final DoubleBuffer gradABuf;
    private final DoubleBuffer gradBBuf;

    private int batch = -1;
    private INDArray out;        // [batch, fanOut] pre-activation, then activation (in place)
    private INDArray aux;        // [batch, fanOut] delta (local reparam) / signed product (flipout)
    private INDArray inAux;      // [batch, fanIn] in^2 (local reparam) / in o s_in (flipout)
    private INDArray dInAux;     // [batch, fanIn] second input-gradient term
    private double[] noise;      // [batch * fanOut] eps (local reparam) / s_out (flipout)
    private double[] scaleOrSign; // [batch * fanOut] sd (local reparam); [batch * fanIn] s_in (flipout)
    private double[] outHost;    // [batch * fanOut] heap copy of out (local reparam)

    BayesianDense(ParameterLayout layout, int index, INDArray stageA, INDArray stageB, INDArray gradA, INDArray gradB) {
        this.fanIn = layout.fanIn(index);
        this.fanOut = layout.fanOut(index);
        this.weightOffset = layout.weightOffset(index);
        this.biasOffset = layout.biasOffset(index);
        this.stageA = view(stageA);
        this.stageB = view(stageB);
        this.gradA = view(gradA);
        this.gradB = view(gradB);
        this.stageFlatA = stageA;
        this.stageFlatB = stageB;
        this.gradFlatA = gradA;
        this.gradFlatB = gradB;
        this.stageABuf = stageA.data().asNioDouble();
        this.stageBBuf = stageB.data().asNioDouble();
        this.gradABuf = gradA.data().asNioDouble();
        this.gradBBuf = gradB.data().asNioDouble();
    }

    private INDArray view(INDArray flat) {
        return flat.get(NDArrayIndex.interval(weightOffset, weightOffset + fanIn * fanOut)).reshape('c', fanIn, fanOut);
    }

    public int fanIn() { return fanIn; }
    public int fanOut() { return fanOut; }

    /** The layer's output [batch, fanOut] of the last forward pass (activation applied in place by the caller). */
    INDArray out() { return out; }

    private void ensureBatch(int b) {
        if (b == batch) return;
        batch = b;
        out = Nd4j.zeros(DataType.DOUBLE, b, fanOut);
        aux = Nd4j.zeros(DataType.DOUBLE, b, fanOut);
        inAux = Nd4j.zeros(DataType.DOUBLE, b, fanIn);
        dInAux = Nd4j.zeros(DataType.DOUBLE, b, fanIn);
        noise = new double[b * fanOut];
        scaleOrSign = new double[b * Math.max(fanIn, fanOut)];
        outHost = new double[b * fanOut];
    }

    /**
     * Forward pass of one Monte Carlo draw.
     *
     * @param in    [batch, fanIn] inputs
     * @param mu    flat posterior means
     * @param sigma flat posterior stds
     * @param eps   flat standard-normal draw for this step (weight reparameterisation and flipout)
     * @param rng   per-example noise (local reparameterisation, flipout signs)
     */
    void forward(Estimator estimator, INDArray in, double[] mu, double[] sigma, double[] eps, GaussianSource rng) {
        int b = (int) in.rows();
        ensureBatch(b);
        switch (estimator) {
            case REPARAMETERIZATION -> {
                HostMemory.read(stageFlatA);
                for (int i = 0, p = weightOffset; i < fanIn * fanOut; i++, p++) stageABuf.put(p, mu[p] + sigma[p] * eps[p]);
                HostMemory.written(stageFlatA);
                Nd4j.gemm(in, stageA, out, false, false, 1.0, 0.0);
                addSampledBias(HostMemory.read(out), b, mu, sigma, eps);
            }
            case LOCAL_REPARAMETERIZATION -> {
                HostMemory.read(stageFlatA);
                HostMemory.read(stageFlatB);
                for (int i = 0, p = weightOffset; i < fanIn * fanOut; i++, p++) {
                    stageABuf.put(p, mu[p]);
                    stageBBuf.put(p, sigma[p] * sigma[p]);
                }
                HostMemory.written(stageFlatA);
                HostMemory.written(stageFlatB);
                square(in, inAux, b * fanIn);
                Nd4j.gemm(in, stageA, out, false, false, 1.0, 0.0);
                Nd4j.gemm(inAux, stageB, aux, false, false, 1.0, 0.0);
                // Heap copies, so the per-element loop is branch-free array arithmetic the JIT vectorises.
                int n = b * fanOut;
                HostMemory.read(aux).get(0, scaleOrSign, 0, n);
                DoubleBuffer o = HostMemory.read(out);
                o.get(0, outHost, 0, n);
                rng.fill(noise, 0, n);
                for (int r = 0; r < b; r++) {
                    int k0 = r * fanOut;
                    for (int j = 0; j < fanOut; j++) {
                        double sb = sigma[biasOffset + j];
                        double sd = Math.sqrt(scaleOrSign[k0 + j] + sb * sb);
                        scaleOrSign[k0 + j] = sd;
                        outHost[k0 + j] += mu[biasOffset + j] + sd * noise[k0 + j];
                    }
                }
                o.put(0, outHost, 0, n);
                HostMemory.written(out);
            }
            case FLIPOUT -> {
                HostMemory.read(stageFlatA);
                HostMemory.read(stageFlatB);
                for (int i = 0, p = weightOffset; i < fanIn * fanOut; i++, p++) {
                    stageABuf.put(p, mu[p]);
                    stageBBuf.put(p, sigma[p] * eps[p]);
                }
                HostMemory.written(stageFlatA);
                HostMemory.written(stageFlatB);
                DoubleBuffer x = HostMemory.read(in);
                DoubleBuffer xs = HostMemory.read(inAux);
                for (int k = 0; k < b * fanIn; k++) {
                    double s = rng.nextSign();
                    scaleOrSign[k] = s;
                    xs.put(k, x.get(k) * s);
                }
                HostMemory.written(inAux);
                Nd4j.gemm(in, stageA, out, false, false, 1.0, 0.0);
                Nd4j.gemm(inAux, stageB, aux, false, false, 1.0, 0.0);
                DoubleBuffer pert = HostMemory.read(aux);
                DoubleBuffer o = HostMemory.read(out);
                for (int k = 0; k < b * fanOut; k++) {
                    double s = rng.nextSign();
                    noise[k] = s;
                    o.put(k, o.get(k) + pert.get(k) * s);
                }
                addSampledBias(o, b, mu, sigma, eps);
            }
        }
    }

    private void addSampledBias(DoubleBuffer o, int b, double[] mu, double[] sigma, double[] eps) {
        for (int j = 0; j < fanOut; j++) {
            int p = biasOffset + j;
            double bias = mu[p] + sigma[p] * eps[p];
            for (int r = 0; r < b; r++) o.put(r * fanOut + j, o.get(r * fanOut + j) + bias);
        }
        HostMemory.written(out);
    }

    /**
     * Backward pass of the last forward draw: adds dL/dmu and dL/dsigma of this layer's parameters to the flat
     * accumulators and, when {@code dIn} is not null, writes dL/din into it.
     *
     * @param in   the same inputs as the forward pass
     * @param dOut [batch, fanOut] dL/d(pre-activation output)
     * @param dIn  [batch, fanIn] output, or null for the first layer
     */
    void backward(Estimator estimator, INDArray in, INDArray dOut, INDArray dIn, double[] sigma, double[] eps,
                  double[] gMu, double[] gSigma) {
        int b = (int) in.rows();
        DoubleBuffer d = HostMemory.read(dOut);
        switch (estimator) {
            case REPARAMETERIZATION -> {
                Nd4j.gemm(in, dOut, gradA, true, false, 1.0, 0.0);
                HostMemory.read(gradFlatA);
                for (int i = 0, p = weightOffset; i < fanIn * fanOut; i++, p++) {
                    double g = gradABuf.get(p);
                    gMu[p] += g;
                    gSigma[p] += g * eps[p];
                }
                sampledBiasGradient(d, b, eps, gMu, gSigma);
                if (dIn != null) Nd4j.gemm(dOut, stageA, dIn, false, true, 1.0, 0.0);
            }
            case LOCAL_REPARAMETERIZATION -> {
                // dL/d(delta) = dL/dout * eps / (2 sd), kept in aux for the GEMMs.
                DoubleBuffer dDelta = HostMemory.read(aux);
                for (int k = 0; k < b * fanOut; k++) dDelta.put(k, d.get(k) * noise[k] / (2 * scaleOrSign[k]));
                HostMemory.written(aux);
                Nd4j.gemm(in, dOut, gradA, true, false, 1.0, 0.0);
                Nd4j.gemm(inAux, aux, gradB, true, false, 1.0, 0.0);
                HostMemory.read(gradFlatA);
                HostMemory.read(gradFlatB);
                for (int i = 0, p = weightOffset; i < fanIn * fanOut; i++, p++) {
                    gMu[p] += gradABuf.get(p);
                    gSigma[p] += gradBBuf.get(p) * 2 * sigma[p];
                }
                for (int j = 0; j < fanOut; j++) {
                    double gm = 0, gv = 0;
                    for (int r = 0; r < b; r++) {
                        gm += d.get(r * fanOut + j);
                        gv += dDelta.get(r * fanOut + j);
                    }
                    int p = biasOffset + j;
                    gMu[p] += gm;
                    gSigma[p] += gv * 2 * sigma[p];
                }
                if (dIn != null) {
                    Nd4j.gemm(dOut, stageA, dIn, false, true, 1.0, 0.0);
                    Nd4j.gemm(aux, stageB, dInAux, false, true, 1.0, 0.0);
                    DoubleBuffer x = HostMemory.read(in);
                    DoubleBuffer di = HostMemory.read(dIn);
                    DoubleBuffer da = HostMemory.read(dInAux);
                    for (int k = 0; k < b * fanIn; k++) di.put(k, di.get(k) + 2 * x.get(k) * da.get(k));
                    HostMemory.written(dIn);
                }
            }
            case FLIPOUT -> {
                DoubleBuffer ds = HostMemory.read(aux);
                for (int k = 0; k < b * fanOut; k++) ds.put(k, d.get(k) * noise[k]);
                HostMemory.written(aux);
                Nd4j.gemm(in, dOut, gradA, true, false, 1.0, 0.0);
                Nd4j.gemm(inAux, aux, gradB, true, false, 1.0, 0.0);
                HostMemory.read(gradFlatA);
                HostMemory.read(gradFlatB);
                for (int i = 0, p = weightOffset; i < fanIn * fanOut; i++, p++) {
                    gMu[p] += gradABuf.get(p);
                    gSigma[p] += gradBBuf.get(p) * eps[p];
                }
                sampledBiasGradient(d, b, eps, gMu, gSigma);
                if (dIn != null) {
                    Nd4j.gemm(dOut, stageA, dIn, false, true, 1.0, 0.0);
                    Nd4j.gemm(aux, stageB, dInAux, false, true, 1.0, 0.0);
                    DoubleBuffer di = HostMemory.read(dIn);
                    DoubleBuffer da = HostMemory.read(dInAux);
                    for (int k = 0; k < b * fanIn; k++) di.put(k, di.get(k) + da.get(k) * scaleOrSign[k]);
                    HostMemory.written(dIn);
                }
            }
        }
    }

    private void sampledBiasGradient(DoubleBuffer d, int b, double[] eps, double[] gMu, double[] gSigma) {
        for (int j = 0; j < fanOut; j++) {
            double g = 0;
            for (int r = 0; r < b; r++) g += d.get(r * fanOut + j);
            int p = biasOffset + j;
            gMu[p] += g;
            gSigma[p] += g * eps[p];
        }
    }

    private static void square(INDArray src, INDArray dst, int n) {
        DoubleBuffer s = HostMemory.read(src);
        DoubleBuffer t = HostMemory.read(dst);
        for (int k = 0; k < n; k++) {
            double v = s.get(k);
            t.put(k, v * v);
        }
        HostMemory.written(dst);
    }
}
