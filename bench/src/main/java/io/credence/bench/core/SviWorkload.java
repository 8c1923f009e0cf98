package io.credence.bench.core;

import io.credence.bnn.inference.Svi;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.optim.Adam;
import io.credence.bnn.data.Standardizer;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.prior.Prior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.PriorSpec;

import java.util.SplittableRandom;

/**
 * The reference's training loop on Credence's bare SVI step: inputs and target standardised once on the training rows,
 * then per epoch a seeded permutation cut into mini-batches, each gathered into a fresh [batch, features] array and
 * passed to {@link Svi#step} with KL weight 1 / N. Not thread-safe.
 */
public final class SviWorkload {
    private final ModelSpec spec;
    private final Svi svi;
    private final Prior prior;
    private final double[] xs;      // [n * features] standardised training inputs, row-major
    private final double[] ys;      // [n] standardised training targets
    private final double[] ones;
    private final int rows;
    private final StandardizerState inputState;
    private final StandardizerState targetState;
    private final SplittableRandom order;
    private long steps;

    public SviWorkload(ModelSpec spec, double[][] trainX, double[] trainY) {
        this.spec = spec;
        BayesianNetwork network = BayesianNetwork.initialise(spec);
        this.svi = new Svi(network, new Adam(network.parameters(), spec.optimiser().learningRate(),
                spec.optimiser().clipNorm()));
        PriorSpec.Gaussian g = (PriorSpec.Gaussian) spec.variational().prior();
        this.prior = GaussianPrior.isotropic(network.layout().size(), g.mean(), g.sigma());
        Standardizer inputs = new Standardizer(StandardizerState.empty(spec.features()));
        Standardizer target = new Standardizer(StandardizerState.empty(1));
        inputs.update(trainX);
        target.update(trainY);
        this.inputState = inputs.state();
        this.targetState = target.state();
        this.rows = trainX.length;
        int d = spec.features();
        this.xs = new double[rows * d];
        this.ys = new double[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(inputs.transform(trainX[i]), 0, xs, i * d, d);
            ys[i] = (trainY[i] - target.mean(0)) / target.std(0);
        }
        this.ones = new double[spec.optimiser().batchSize()];
        java.util.Arrays.fill(ones, 1.0);
        this.order = new SplittableRandom(spec.seed());
    }

    public int rows() { return rows; }

    /** One pass over the training rows in a fresh random order; returns the examples trained on. */
    public long epoch() {
        int[] perm = permutation();
        int d = spec.features();
        int batch = spec.optimiser().batchSize();
        double klScale = 1.0 / rows;
        for (int start = 0; start < rows; start += batch) {
            int b = Math.min(batch, rows - start);
            double[] xb = new double[b * d];
            double[] yb = new double[b];
            for (int r = 0; r < b; r++) {
                int i = perm[start + r];
                System.arraycopy(xs, i * d, xb, r * d, d);
                yb[r] = ys[i];
            }
            double[] w = b == batch ? ones : java.util.Arrays.copyOf(ones, b);
            svi.step(xb, yb, w, prior, klScale, spec.seed() * 1_000_003L + steps++);
        }
        return rows;
    }

    private int[] permutation() {
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) p[i] = i;
        for (int i = rows - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The trained posterior with the training rows' standardisers, ready for a {@link io.credence.bnn.predictive.Predictor}. */
    public Posterior posterior() {
        // Timing only: no log-variance floor is tracked here.
        return svi.network().export(Double.NaN, inputState, targetState, (long) rows, steps);
    }
}
