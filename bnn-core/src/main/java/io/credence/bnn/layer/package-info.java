/** Bayesian dense layers with mean-field Gaussian weights and their three gradient estimators; flat parameter layout. */
package io.credence.bnn.layer;
