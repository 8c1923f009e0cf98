package io.credence.bnn.spec;

/**
 * How the reparameterisation gradient of the expected log-likelihood is estimated.
 * <ul>
 *   <li>{@link #REPARAMETERIZATION}: one weight draw w = mu + sigma * eps shared by the mini-batch (Blundell et al. 2015).</li>
 *   <li>{@link #LOCAL_REPARAMETERIZATION}: per-example pre-activation noise, N(x mu, x^2 sigma^2) (Kingma, Salimans and Welling 2015).</li>
 *   <li>{@link #FLIPOUT}: one weight perturbation decorrelated per example by random sign flips (Wen et al. 2018).</li>
 * </ul>
 */
public enum Estimator { REPARAMETERIZATION, LOCAL_REPARAMETERIZATION, FLIPOUT }
