package io.credence.bnn.inference;

import io.credence.bnn.layer.BayesianMlp;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.likelihood.HeteroscedasticLikelihood;
import io.credence.bnn.likelihood.Likelihood;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.model.ParameterVector;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.prior.KlDivergence;
import io.credence.bnn.prior.Prior;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;

import java.nio.DoubleBuffer;

/**
 * The per-example negative ELBO of a mini-batch and its reparameterisation gradient (Bayes by Backprop):
 * <pre>  loss = (1 / (B T)) sum_t sum_i w_i nll_i(w^(t)) + klScale * KL(q || p)</pre>
 * averaged over T = trainSamples draws, with KL in closed form when the prior is Gaussian and the spec asks for it,
 * else by Monte Carlo at the same draws. klScale is the per-record KL weight ({@link KlWeighting}). Its scratch arrays
 * come from the calling thread's {@link ElboWorkspace}, shared with every network of the same shape. Not thread-safe.
 */
public final class Elbo {
    private final BayesianNetwork network;

    public Elbo(BayesianNetwork network) {
        this.network = network;
    }

    /**
     * Estimates the loss and writes its gradient w.r.t. (mu, rho, likelihood parameters) into {@code grad}.
     *
     * @param x        [batch * features] standardised inputs, row-major
     * @param y        [batch] standardised targets or class indices
     * @param weight   [batch] example weights
     * @param prior    the current prior
     * @param klScale  weight of the KL per example
     * @param rng      seeded noise for this step
     * @param grad     output gradient (overwritten)
     */
    public ElboEstimate estimate(double[] x, double[] y, double[] weight, Prior prior, double klScale,
                                 GaussianSource rng, ParameterVector grad) {
        ParameterVector p = network.parameters();
        Likelihood likelihood = network.likelihood();
        Estimator estimator = network.spec().variational().estimator();
        int samples = network.spec().variational().trainSamples();
        int batch = y.length;
        ElboWorkspace workspace = ElboWorkspace.of(network.layout(), network.spec().network().activation());
        BayesianMlp mlp = workspace.mlp;
        double[] sigma = workspace.sigma;
        double[] eps = workspace.eps;
        double[] sigmaSlope = workspace.sigmaSlope;
        Softplus.apply(p.rho, sigma, sigmaSlope);
        grad.zero();
        // grad.rho accumulates dL/dsigma until the end, where the chain rule through softplus is applied.
        double[] gSigma = grad.rho;
        boolean analytic = network.spec().variational().klMode() == KlMode.ANALYTIC && prior instanceof GaussianPrior;
        boolean heteroscedastic = likelihood instanceof HeteroscedasticLikelihood;
        double minLogVariance = heteroscedastic ? Double.POSITIVE_INFINITY : Double.NaN;
        double nllSum = 0;
        double klSum = 0;
        double dataScale = 1.0 / ((double) batch * samples);
        // Local reparameterisation draws its own per-example noise; it needs a weight draw only for a Monte Carlo KL.
        boolean weightDraw = estimator != Estimator.LOCAL_REPARAMETERIZATION;
        for (int t = 0; t < samples; t++) {
            if (weightDraw) rng.fill(eps, 0, eps.length);
            DoubleBuffer outputs = DoubleBuffer.wrap(mlp.forward(estimator, x, batch, p.mu, sigma, eps, rng));
            DoubleBuffer dOut = DoubleBuffer.wrap(mlp.outputGradient(batch));
            if (heteroscedastic) minLogVariance = Math.min(minLogVariance, HeteroscedasticLikelihood.batchMinimum(outputs, batch, weight));
            nllSum += likelihood.nll(outputs, batch, y, weight, p.likelihood, dataScale,
                    dOut, grad.likelihood);
            mlp.backward(estimator, sigma, eps, grad.mu, gSigma);
            if (!analytic) {
                if (estimator == Estimator.LOCAL_REPARAMETERIZATION) rng.fill(eps, 0, eps.length);
                klSum += KlDivergence.monteCarlo(prior, p.mu, sigma, eps, klScale / samples, grad.mu, gSigma);
            }
        }
        double kl = analytic ? ((GaussianPrior) prior).kl(p.mu, sigma, klScale, grad.mu, gSigma) : klSum / samples;
        for (int i = 0; i < gSigma.length; i++) gSigma[i] *= sigmaSlope[i];
        double nll = nllSum * dataScale;
        return new ElboEstimate(nll + klScale * kl, nll, kl, minLogVariance);
    }
}
