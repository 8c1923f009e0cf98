package io.credence.bnn.spec;

/** The weight prior of a spec: a Gaussian (closed-form KL) or Blundell et al.'s scale mixture (Monte Carlo KL). */
public sealed interface PriorSpec {

    /** N(mean, sigma^2) on every weight and bias. */
    record Gaussian(double mean, double sigma) implements PriorSpec {
        public Gaussian {
            Checks.finite("prior mean", mean);
            Checks.positive("prior sigma", sigma);
        }
    }

    /** pi N(0, sigma1^2) + (1 - pi) N(0, sigma2^2) on every weight and bias (Blundell et al. 2015, eq. 7). */
    record ScaleMixture(double pi, double sigma1, double sigma2) implements PriorSpec {
        public ScaleMixture {
            if (!(pi > 0 && pi < 1)) throw new IllegalArgumentException("scale-mixture pi must be in (0, 1), got " + pi);
            Checks.positive("scale-mixture sigma1", sigma1);
            Checks.positive("scale-mixture sigma2", sigma2);
        }
    }
}
