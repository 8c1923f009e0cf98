/** The posterior predictive: Monte Carlo sample banks, Gaussian-mixture quantiles, uncertainty decomposition, standardisers. */
package io.credence.bnn.predictive;
