package io.credence.bnn.prior;

/**
 * N(mean_i, sigma_i^2) on each parameter i: isotropic from a spec, or per parameter when a posterior becomes the prior
 * (posterior-as-prior streaming) or a deterministic network seeds it (MOPED). The KL to a Gaussian posterior has the
 * closed form log(s0/s) + (s^2 + (mu - m0)^2) / (2 s0^2) - 1/2 per parameter.
 */
public final class GaussianPrior implements Prior {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double[] mean;
    private final double[] sigma;

    private GaussianPrior(double[] mean, double[] sigma) {
        if (mean.length != sigma.length) {
            throw new IllegalArgumentException("prior mean has " + mean.length + " entries, sigma " + sigma.length);
        }
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] > 0) || !Double.isFinite(sigma[i]) || !Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("prior parameter " + i + " has mean " + mean[i] + ", sigma " + sigma[i]);
            }
        }
        this.mean = mean;
        this.sigma = sigma;
    }

    /** The same N(mean, sigma^2) on all {@code size} parameters. */
    public static GaussianPrior isotropic(int size, double mean, double sigma) {
        double[] m = new double[size];
        double[] s = new double[size];
        java.util.Arrays.fill(m, mean);
        java.util.Arrays.fill(s, sigma);
        return new GaussianPrior(m, s);
    }

    /** A prior with its own mean and std per parameter (copied). */
    public static GaussianPrior of(double[] mean, double[] sigma) {
        return new GaussianPrior(mean.clone(), sigma.clone());
    }

    public int size() { return mean.length; }
    public double mean(int i) { return mean[i]; }
    public double sigma(int i) { return sigma[i]; }
    public double[] means() { return mean.clone(); }
    public double[] sigmas() { return sigma.clone(); }

    @Override
    public double logDensity(int i, double w) {
        double z = (w - mean[i]) / sigma[i];
        return -0.5 * z * z - Math.log(sigma[i]) - HALF_LOG_2PI;
    }

    @Override
    public double gradLogDensity(int i, double w) {
        return -(w - mean[i]) / (sigma[i] * sigma[i]);
    }

    /**
     * Closed-form KL(N(mu, s^2) || this) summed over parameters; adds {@code scale} times its gradient to
     * {@code gMu} and {@code gSigma}.
     *
     * @param mu     posterior means [P]
     * @param s      posterior stds [P]
     * @param scale  factor applied to the gradient (the KL weight of the ELBO)
     * @param gMu    gradient accumulator for mu [P]
     * @param gSigma gradient accumulator for sigma [P]
     */
    public double kl(double[] mu, double[] s, double scale, double[] gMu, double[] gSigma) {
        double total = 0;
        for (int i = 0; i < mean.length; i++) {
            double s0 = sigma[i];
            double var0 = s0 * s0;
            double d = mu[i] - mean[i];
            double si = s[i];
            total += Math.log(s0 / si) + (si * si + d * d) / (2 * var0) - 0.5;
            gMu[i] += scale * d / var0;
            gSigma[i] += scale * (si / var0 - 1 / si);
        }
        return total;
    }
}
