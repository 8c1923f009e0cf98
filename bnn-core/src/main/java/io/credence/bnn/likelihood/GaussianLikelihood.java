package io.credence.bnn.likelihood;

import java.nio.DoubleBuffer;

/**
 * y ~ N(f(x), sigma^2) with one noise scale for all inputs: fixed, or learned as log sigma (homoscedastic).
 * nll = log(2 pi)/2 + log sigma + (y - f)^2 / (2 sigma^2).
 */
public final class GaussianLikelihood implements Likelihood {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final boolean learned;
    private final double fixedLogSigma;

    /**
     * @param learned       true: log sigma is a trainable parameter (params[0]); false: fixed at {@code fixedLogSigma}
     * @param fixedLogSigma log of the fixed noise std (ignored when learned)
     */
    public GaussianLikelihood(boolean learned, double fixedLogSigma) {
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
        double total = 0;
        double gLogSigma = 0;
        for (int i = 0; i < batch; i++) {
            double r = out.get(i) - y[i];
            double w = weight[i];
            double sq = r * r * invVar;
            total += w * (HALF_LOG_2PI + logSigma + 0.5 * sq);
            dOut.put(i, dOut.get(i) + scale * w * r * invVar);
            gLogSigma += w * (1 - sq);
        }
        if (learned) gParams[0] += scale * gLogSigma;
        return total;
    }
}
