package io.credence.bnn.likelihood;

import java.nio.DoubleBuffer;

/**
 * y ~ N(f(x), exp(s(x))) where the network outputs the mean f and the log-variance s per input (Kendall and Gal 2017).
 * nll = log(2 pi)/2 + s/2 + (y - f)^2 exp(-s) / 2. The log-variance is clamped to [-{@value #LOG_VAR_LIMIT},
 * {@value #LOG_VAR_LIMIT}] (zero gradient beyond) so one wild output cannot overflow the step.
 */
public final class HeteroscedasticGaussian implements Likelihood {
    /** Bound on |log-variance| in standardised units. */
    public static final double LOG_VAR_LIMIT = 15;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public int parameters() { return 0; }

    /** The log-variance used for a raw network output. */
    public static double clampLogVariance(double s) {
        return Math.max(-LOG_VAR_LIMIT, Math.min(LOG_VAR_LIMIT, s));
    }

    @Override
    public double nll(DoubleBuffer out, int batch, double[] y, double[] weight, double[] params, double scale,
                      DoubleBuffer dOut, double[] gParams) {
        double total = 0;
        for (int i = 0; i < batch; i++) {
            double f = out.get(2 * i);
            double raw = out.get(2 * i + 1);
            double s = clampLogVariance(raw);
            double invVar = Math.exp(-s);
            double r = f - y[i];
            double w = weight[i];
            total += w * (HALF_LOG_2PI + 0.5 * s + 0.5 * r * r * invVar);
            dOut.put(2 * i, dOut.get(2 * i) + scale * w * r * invVar);
            if (raw == s) dOut.put(2 * i + 1, dOut.get(2 * i + 1) + scale * w * 0.5 * (1 - r * r * invVar));
        }
        return total;
    }
}
