package io.credence.bnn.prior;

/**
 * KL(q || p) between the mean-field Gaussian posterior q = N(mu, sigma^2) and a prior p, and its gradient: the closed
 * form when p is Gaussian and the analytic path is asked for, else the Monte Carlo estimate log q(w) - log p(w) at a
 * reparameterised draw w = mu + sigma * eps (Blundell et al. 2015, sec. 3.2).
 */
public final class KlDivergence {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private KlDivergence() {}

    /**
     * Monte Carlo KL at w = mu + sigma * eps, summed over parameters, adding {@code scale} times its pathwise gradient
     * to the accumulators. With w = mu + sigma eps, log q(w) = -log sigma - eps^2/2 - log(2 pi)/2, whose total
     * derivative is 0 in mu and -1/sigma in sigma; -log p(w) contributes -p'(w)/p(w) through w.
     */
    public static double monteCarlo(Prior prior, double[] mu, double[] sigma, double[] eps, double scale,
                                    double[] gMu, double[] gSigma) {
        double total = 0;
        for (int i = 0; i < mu.length; i++) {
            double w = mu[i] + sigma[i] * eps[i];
            total += -Math.log(sigma[i]) - 0.5 * eps[i] * eps[i] - HALF_LOG_2PI - prior.logDensity(i, w);
            double g = prior.gradLogDensity(i, w);
            gMu[i] -= scale * g;
            gSigma[i] -= scale * (1 / sigma[i] + g * eps[i]);
        }
        return total;
    }
}
