package io.credence.bnn.predictive;

/**
 * The posterior predictive of one regression input as an equal-weight mixture of S Gaussians N(mean_s, sd_s^2), one
 * per Monte Carlo draw: its log density and its quantiles (Newton's method on the mixture CDF, safeguarded by
 * bisection).
 */
public final class GaussianMixture {
    private final double[] means;
    private final double[] sds;

    /** @param means component means [S]; @param sds component stds [S] (> 0) */
    public GaussianMixture(double[] means, double[] sds) {
        this.means = means;
        this.sds = sds;
    }

    /** log (1/S) sum_s N(y; mean_s, sd_s^2). */
    public double logDensity(double y) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[means.length];
        for (int s = 0; s < means.length; s++) {
            terms[s] = Normal.logPdf((y - means[s]) / sds[s]) - Math.log(sds[s]);
            max = Math.max(max, terms[s]);
        }
        double sum = 0;
        for (double t : terms) sum += Math.exp(t - max);
        return max + Math.log(sum / means.length);
    }

    public double cdf(double q) {
        double sum = 0;
        for (int s = 0; s < means.length; s++) sum += Normal.cdf((q - means[s]) / sds[s]);
        return sum / means.length;
    }

    private double density(double q) {
        double sum = 0;
        for (int s = 0; s < means.length; s++) sum += Normal.pdf((q - means[s]) / sds[s]) / sds[s];
        return sum / means.length;
    }

    /**
     * The p-quantile, to an absolute tolerance of 1e-7 times the mixture's spread.
     *
     * @param guess a starting point, e.g. mean + Phi^-1(p) * std
     */
    public double quantile(double p, double guess) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, maxSd = 0;
        for (int s = 0; s < means.length; s++) {
            lo = Math.min(lo, means[s] - 9 * sds[s]);
            hi = Math.max(hi, means[s] + 9 * sds[s]);
            maxSd = Math.max(maxSd, sds[s]);
        }
        double tol = 1e-7 * (maxSd + (hi - lo));
        double q = Math.min(hi, Math.max(lo, guess));
        for (int iter = 0; iter < 100; iter++) {
            double f = cdf(q) - p;
            if (f > 0) hi = q; else lo = q;
            double dens = density(q);
            double next = dens > 0 ? q - f / dens : Double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.abs(next - q) < tol || hi - lo < tol) return next;
            q = next;
        }
        return q;
    }
}
