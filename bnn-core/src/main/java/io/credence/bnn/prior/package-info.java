/** Weight priors and the KL term: closed form for Gaussian priors ({@link io.credence.bnn.prior.GaussianPrior#kl}), Monte Carlo otherwise ({@link io.credence.bnn.prior.KlDivergence}). */
package io.credence.bnn.prior;
