package io.credence.bnn.prior;

/**
 * A factorised prior over the flat parameter vector (every weight and bias), used by the KL term. A prior with a closed
 * form KL to the Gaussian posterior is a {@link GaussianPrior}; any prior offers its log density for the Monte Carlo KL.
 */
public sealed interface Prior permits GaussianPrior, ScaleMixturePrior {

    /** log p(w_i) for parameter i. */
    double logDensity(int i, double w);

    /** d log p(w_i) / d w_i. */
    double gradLogDensity(int i, double w);
}
