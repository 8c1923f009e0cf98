package io.credence.bnn.prior;

/**
 * pi N(0, sigma1^2) + (1 - pi) N(0, sigma2^2) on every parameter (Blundell et al. 2015, "Weight Uncertainty in Neural
 * Networks", eq. 7). It has no closed-form KL to a Gaussian, so the ELBO estimates that KL by Monte Carlo.
 */
public final class ScaleMixturePrior implements Prior {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double logPi1;
    private final double logPi2;
    private final double sigma1;
    private final double sigma2;

    public ScaleMixturePrior(double pi, double sigma1, double sigma2) {
        if (!(pi > 0 && pi < 1) || !(sigma1 > 0) || !(sigma2 > 0)) {
            throw new IllegalArgumentException("scale mixture needs pi in (0,1) and sigmas > 0, got " + pi + ", " + sigma1 + ", " + sigma2);
        }
        this.logPi1 = Math.log(pi);
        this.logPi2 = Math.log1p(-pi);
        this.sigma1 = sigma1;
        this.sigma2 = sigma2;
    }

    @Override
    public double logDensity(int i, double w) {
        double a = logPi1 + logNormal(w, sigma1);
        double b = logPi2 + logNormal(w, sigma2);
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    @Override
    public double gradLogDensity(int i, double w) {
        double a = logPi1 + logNormal(w, sigma1);
        double b = logPi2 + logNormal(w, sigma2);
        double max = Math.max(a, b);
        double ra = Math.exp(a - max);
        double rb = Math.exp(b - max);
        // Responsibility-weighted gradient of each component: -w / sigma_k^2.
        return -w * (ra / (sigma1 * sigma1) + rb / (sigma2 * sigma2)) / (ra + rb);
    }

    private static double logNormal(double w, double s) {
        double z = w / s;
        return -0.5 * z * z - Math.log(s) - HALF_LOG_2PI;
    }
}
