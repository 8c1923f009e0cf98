package io.credence.bnn.spec;

/** KL(q || p) in closed form (Gaussian priors only) or as a Monte Carlo estimate of log q(w) - log p(w). */
public enum KlMode { ANALYTIC, MONTE_CARLO }
