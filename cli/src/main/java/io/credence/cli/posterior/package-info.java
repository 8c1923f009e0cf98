/**
 * What {@code credence posterior} shows of a posterior snapshot: a linear model's coefficients, intercept and noise in
 * the data's original units (closed form for the mean-field Gaussian), a deeper model's per-layer signal-to-noise, and
 * seeded draws of the parameters.
 */
package io.credence.cli.posterior;
