/** Stochastic variational inference: the ELBO and its gradient, per-record KL weighting, the SVI step and the online learner. */
package io.credence.bnn.inference;
