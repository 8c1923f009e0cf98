package io.credence.bnn.likelihood;

import java.nio.DoubleBuffer;

/**
 * y = f(x) + exp(s(x)/2) eps where the network outputs the mean f and the log-variance s per input (Kendall and Gal
 * 2017), and eps is Gaussian or Student-t ({@link NoiseDistribution}; for Student-t, s is the log of the squared scale).
 * With q = (y - f)^2 exp(-s): nll = logNormaliser + s/2 + penalty(q); for the Gaussian, log(2 pi)/2 + s/2 + q/2.
 * The log-variance is clamped to [-{@value #LOG_VAR_LIMIT}, {@value #LOG_VAR_LIMIT}] (zero gradient beyond) so one
 * wild output cannot overflow the step.
 *
 * <p>The variance head is piecewise linear in its inputs, so far from the training data it can extrapolate to a
 * variance no training row ever had: a confident prediction exactly where the model knows least. Predictions therefore
 * floor the log-variance at the lowest value the head produced on recent training batches ({@link #batchMinimum},
 * {@link #nextFloor}); inside the data the floor almost never binds.
 */
public final class HeteroscedasticLikelihood implements Likelihood {
    /** Bound on |log-variance| in standardised units. */
    public static final double LOG_VAR_LIMIT = 15;
    /** Fraction of the gap by which the floor rises towards a higher batch minimum, per batch. */
    public static final double FLOOR_RELAXATION = 1e-3;

    private final NoiseDistribution noise;

    /** @param noise the noise at unit scale */
    public HeteroscedasticLikelihood(NoiseDistribution noise) {
        this.noise = noise;
    }

    @Override
    public int parameters() { return 0; }

    /** The log-variance used for a raw network output. */
    public static double clampLogVariance(double s) {
        return Math.max(-LOG_VAR_LIMIT, Math.min(LOG_VAR_LIMIT, s));
    }

    /** The lowest log-variance (clamped) the head gave a row of positive weight in {@code out}; +inf if none. */
    public static double batchMinimum(DoubleBuffer out, int batch, double[] weight) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < batch; i++) {
            if (weight[i] > 0) min = Math.min(min, clampLogVariance(out.get(2 * i + 1)));
        }
        return min;
    }

    /**
     * The log-variance floor after a training batch whose lowest log-variance was {@code batchMinimum}: a leaky minimum
     * that follows a lower value at once and rises towards a higher one by {@value #FLOOR_RELAXATION} of the gap per
     * batch, so it forgets a low value after some thousand batches (the head has moved on, or the data drifted).
     *
     * @param floor the floor before the batch, NaN before the first
     */
    public static double nextFloor(double floor, double batchMinimum) {
        if (Double.isInfinite(batchMinimum)) return floor;
        if (Double.isNaN(floor) || batchMinimum <= floor) return batchMinimum;
        return floor + FLOOR_RELAXATION * (batchMinimum - floor);
    }

    /** The log-variance a prediction uses for a raw output, given the floor (NaN: none). */
    public static double predictiveLogVariance(double raw, double floor) {
        double s = clampLogVariance(raw);
        return Double.isNaN(floor) ? s : Math.max(s, floor);
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
            double q = r * r * invVar;
            double slope = noise.penaltySlope(q);
            total += w * (noise.logNormaliser() + 0.5 * s + noise.penalty(q));
            dOut.put(2 * i, dOut.get(2 * i) + scale * w * 2 * slope * r * invVar);
            if (raw == s) dOut.put(2 * i + 1, dOut.get(2 * i + 1) + scale * w * (0.5 - slope * q));
        }
        return total;
    }
}
