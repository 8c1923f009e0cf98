package io.credence.bnn.inference;

import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.model.ParameterVector;
import io.credence.bnn.optim.Adam;
import io.credence.bnn.prior.Prior;

/**
 * Stochastic variational inference: one step estimates the negative ELBO's gradient ({@link Elbo}) and takes an
 * {@link Adam} step. A step whose loss or gradient is not finite is not applied. Not thread-safe.
 */
public final class Svi {
    private final BayesianNetwork network;
    private final Elbo elbo;
    private final Adam adam;
    private final ParameterVector grad;
    private final GaussianSource rng = new GaussianSource(0);
    private boolean lastApplied;

    public Svi(BayesianNetwork network, Adam adam) {
        this.network = network;
        this.elbo = new Elbo(network);
        this.adam = adam;
        ParameterVector p = network.parameters();
        this.grad = new ParameterVector(p.mu.length, p.likelihood.length);
    }

    public BayesianNetwork network() { return network; }
    public Adam adam() { return adam; }

    /**
     * One SVI step on a standardised mini-batch.
     *
     * @param x       [batch * features] standardised inputs, row-major
     * @param y       [batch] standardised targets or class indices
     * @param weight  [batch] example weights
     * @param prior   the current prior
     * @param klScale per-example KL weight ({@link KlWeighting})
     * @param seed    seed of this step's noise
     * @return the estimate; if it is not finite (or the gradient is not) nothing was changed
     */
    public ElboEstimate step(double[] x, double[] y, double[] weight, Prior prior, double klScale, long seed) {
        rng.reseed(seed);
        ElboEstimate estimate = elbo.estimate(x, y, weight, prior, klScale, rng, grad);
        double norm = grad.norm();
        lastApplied = estimate.isFinite() && Double.isFinite(norm);
        if (lastApplied) adam.step(network.parameters(), grad, norm);
        return estimate;
    }

    /** Whether the last {@link #step} was applied (finite loss and gradient). */
    public boolean lastStepApplied() {
        return lastApplied;
    }
}
