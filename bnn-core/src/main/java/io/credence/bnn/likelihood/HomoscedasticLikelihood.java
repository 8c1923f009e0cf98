package io.credence.bnn.likelihood;

import java.nio.DoubleBuffer;

/**
 * y = f(x) + sigma eps with one noise scale sigma for all inputs, fixed or learned as log sigma (homoscedastic), and eps
 * Gaussian or Student-t ({@link NoiseDistribution}). With q = (y - f)^2 / sigma^2:
 * nll = logNormaliser + log sigma + penalty(q); for the Gaussian, log(2 pi)/2 + log sigma + q/2.
 */
public final class HomoscedasticLikelihood implements Likelihood {
    private final NoiseDistribution noise;
    private final boolean learned;
    private final double fixedLogSigma;

    /**
     * @param noise         the noise at unit scale
     * @param learned       true: log sigma is a trainable parameter (params[0]); false: fixed at {@code fixedLogSigma}
     * @param fixedLogSigma log of the fixed noise scale (ignored when learned)
     */
    public HomoscedasticLikelihood(NoiseDistribution noise, boolean learned, double fixedLogSigma) {
        this.noise = noise;
        this.learned = learned;
        this.fixedLogSigma = fixedLogSigma;
    }

    @Override
    public int parameters() { return learned ? 1 : 0; }

    /** log sigma in use given the likelihood parameters. */
    public double logSigma(double[] params) {
        return learned ? params[0] : fixedLogSigma;
    }

    @Override
    public double nll(DoubleBuffer out, int batch, double[] y, double[] weight, double[] params, double scale,
                      DoubleBuffer dOut, double[] gParams) {
        double logSigma = logSigma(params);
        double invVar = Math.exp(-2 * logSigma);
        double constant = noise.logNormaliser() + logSigma;
        double total = 0;
        double gLogSigma = 0;
        for (int i = 0; i < batch; i++) {
            double r = out.get(i) - y[i];
            double w = weight[i];
            double q = r * r * invVar;
            double slope = noise.penaltySlope(q);
            total += w * (constant + noise.penalty(q));
            dOut.put(i, dOut.get(i) + scale * w * 2 * slope * r * invVar);
            gLogSigma += w * (1 - 2 * slope * q);
        }
        if (learned) gParams[0] += scale * gLogSigma;
        return total;
    }
}
