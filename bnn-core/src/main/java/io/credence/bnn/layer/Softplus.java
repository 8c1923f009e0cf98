package io.credence.bnn.layer;

/** sigma = softplus(rho) = log(1 + exp(rho)), its derivative sigmoid(rho), and the inverse, computed stably. */
public final class Softplus {
    private Softplus() {}

    public static double value(double rho) {
        return rho > 30 ? rho : Math.log1p(Math.exp(rho));
    }

    /**
     * sigma[i] = softplus(rho[i]) and slope[i] = its derivative, from one exp per entry (the SVI step's per-parameter
     * pass).
     */
    public static void apply(double[] rho, double[] sigma, double[] slope) {
        for (int i = 0; i < rho.length; i++) {
            double r = rho[i];
            if (r > 30) {
                sigma[i] = r;
                slope[i] = 1.0;
            } else {
                double e = Math.exp(r);
                sigma[i] = Math.log1p(e);
                slope[i] = e / (1.0 + e);
            }
        }
    }

    /** rho such that softplus(rho) = sigma (sigma > 0). */
    public static double inverse(double sigma) {
        return sigma > 30 ? sigma : Math.log(Math.expm1(sigma));
    }
}
