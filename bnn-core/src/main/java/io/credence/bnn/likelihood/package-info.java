/** The data term of the ELBO: Gaussian (fixed, learned, heteroscedastic noise) and categorical likelihoods. */
package io.credence.bnn.likelihood;
