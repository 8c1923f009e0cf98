package io.credence.bnn.model;

import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.likelihood.Likelihood;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.PriorSpec;

import java.util.List;

/**
 * MOPED initialisation (Krishnan et al. 2020, "Specifying Weight Priors in Bayesian Deep Neural Networks with Empirical
 * Bayes"): a Bayesian network built from a trained deterministic one. Posterior means are the given weights, posterior
 * stds delta * |w| (floored at {@value #MIN_SIGMA}), and the prior is centred on the weights with the spec's Gaussian
 * prior sigma.
 *
 * @param parameters the initial variational parameters
 * @param prior      N(w, priorSigma^2) per parameter
 */
public record Moped(ParameterVector parameters, GaussianPrior prior) {
    /** Smallest posterior std MOPED assigns (a zero weight would otherwise get a zero std). */
    public static final double MIN_SIGMA = 1e-5;

    /**
     * @param spec    the Bayesian model's spec; its prior must be Gaussian (its sigma is used)
     * @param weights per layer [fanIn][fanOut]
     * @param biases  per layer [fanOut]
     * @param delta   relative posterior std, e.g. 0.1
     */
    public static Moped from(ModelSpec spec, List<double[][]> weights, List<double[]> biases, double delta) {
        if (!(spec.variational().prior() instanceof PriorSpec.Gaussian g)) {
            throw new IllegalArgumentException("MOPED needs a Gaussian prior spec, got " + spec.variational().prior());
        }
        if (!(delta > 0)) throw new IllegalArgumentException("MOPED delta must be > 0, got " + delta);
        ParameterLayout layout = new ParameterLayout(spec.layerWidths());
        if (weights.size() != layout.layers() || biases.size() != layout.layers()) {
            throw new IllegalArgumentException("spec has " + layout.layers() + " layers, got " + weights.size() + " weight and " + biases.size() + " bias arrays");
        }
        double[] mu = new double[layout.size()];
        for (int l = 0; l < layout.layers(); l++) {
            double[][] w = weights.get(l);
            double[] b = biases.get(l);
            if (w.length != layout.fanIn(l) || b.length != layout.fanOut(l)) {
                throw new IllegalArgumentException("layer " + l + " needs weights [" + layout.fanIn(l) + "][" + layout.fanOut(l)
                        + "] and bias [" + layout.fanOut(l) + "], got [" + w.length + "][..] and [" + b.length + "]");
            }
            for (int i = 0; i < w.length; i++) {
                if (w[i].length != layout.fanOut(l)) throw new IllegalArgumentException("layer " + l + " row " + i + " has " + w[i].length + " columns, expected " + layout.fanOut(l));
                System.arraycopy(w[i], 0, mu, layout.weightOffset(l) + i * layout.fanOut(l), layout.fanOut(l));
            }
            System.arraycopy(b, 0, mu, layout.biasOffset(l), b.length);
        }
        double[] rho = new double[mu.length];
        double[] priorSigma = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            rho[i] = Softplus.inverse(Math.max(MIN_SIGMA, delta * Math.abs(mu[i])));
            priorSigma[i] = g.sigma();
        }
        ParameterVector p = new ParameterVector(mu, rho, Likelihood.initialParameters(spec));
        return new Moped(p, GaussianPrior.of(mu, priorSigma));
    }
}
