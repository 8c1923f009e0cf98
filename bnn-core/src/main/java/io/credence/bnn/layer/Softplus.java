package io.credence.bnn.layer;

/** sigma = softplus(rho) = log(1 + exp(rho)), its derivative sigmoid(rho), and the inverse, computed stably. */
public final class Softplus {
    private Softplus() {}

    public static double value(double rho) {
        return rho > 30 ? rho : Math.log1p(Math.exp(rho));
    }

    /** d softplus / d rho. */
    public static double derivative(double rho) {
        return 1.0 / (1.0 + Math.exp(-rho));
    }

    /** rho such that softplus(rho) = sigma (sigma > 0). */
    public static double inverse(double sigma) {
        return sigma > 30 ? sigma : Math.log(Math.expm1(sigma));
    }
}
