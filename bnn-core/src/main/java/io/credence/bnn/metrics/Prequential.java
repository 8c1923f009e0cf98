package io.credence.bnn.metrics;

import io.credence.bnn.likelihood.Normal;
import io.credence.bnn.spec.Task;

/**
 * Prequential (test-then-train, Dawid 1984) accumulators: each example is scored by the posterior before it is learned
 * from, so the running metrics estimate out-of-sample performance on a stream with no held-out set. Kept both
 * cumulatively and exponentially decayed with a half-life of {@value #HALF_LIFE} examples.
 */
public final class Prequential {
    /** Half-life of the decayed summary, in examples. */
    public static final double HALF_LIFE = 1000;
    private static final double DECAY = Math.pow(0.5, 1 / HALF_LIFE);
    private static final int FIELDS = 6; // count, squared error, nll, crps, covered, correct
    private final double[] cumulative = new double[FIELDS];
    private final double[] decayed = new double[FIELDS];
    private final Task task;

    public Prequential(Task task) {
        this.task = task;
    }

    /** Continues from {@link #state()} (an empty state means a fresh start). */
    public static Prequential restore(Task task, double[] state) {
        Prequential p = new Prequential(task);
        p.restore(state);
        return p;
    }

    /** Resets the accumulators to {@link #state()} values. */
    public void restore(double[] state) {
        if (state.length == 0) {
            java.util.Arrays.fill(cumulative, 0);
            java.util.Arrays.fill(decayed, 0);
            return;
        }
        if (state.length != 2 * FIELDS) throw new IllegalArgumentException("prequential state needs " + 2 * FIELDS + " values, got " + state.length);
        System.arraycopy(state, 0, cumulative, 0, FIELDS);
        System.arraycopy(state, FIELDS, decayed, 0, FIELDS);
    }

    public double[] state() {
        double[] s = new double[2 * FIELDS];
        System.arraycopy(cumulative, 0, s, 0, FIELDS);
        System.arraycopy(decayed, 0, s, FIELDS, FIELDS);
        return s;
    }

    /**
     * Scores one regression example against a predictive with this mean and std (target units); the CRPS uses the
     * moment-matched Gaussian, the NLL and coverage the Monte Carlo predictive itself.
     *
     * @param logDensity log predictive density of y (the Monte Carlo mixture's)
     * @param covered    whether y lies inside the predictive's central interval
     */
    public void addRegression(double y, double mean, double std, double logDensity, boolean covered) {
        double z = (y - mean) / std;
        // CRPS of N(mean, std^2) in closed form (Gneiting and Raftery 2007).
        double crps = std * (z * (2 * Normal.cdf(z) - 1) + 2 * Normal.pdf(z) - 1 / Math.sqrt(Math.PI));
        add(new double[] {1, (y - mean) * (y - mean), -logDensity, crps, covered ? 1 : 0, 0});
    }

    /** Scores one classification example: mean class probabilities and the true class. */
    public void addClassification(int label, double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
        double nll = -Math.log(Math.max(probabilities[label], Double.MIN_NORMAL));
        add(new double[] {1, 0, nll, 0, 0, best == label ? 1 : 0});
    }

    private void add(double[] v) {
        for (int i = 0; i < FIELDS; i++) {
            cumulative[i] += v[i];
            decayed[i] = DECAY * decayed[i] + v[i];
        }
    }

    public PrequentialSummary cumulative() { return summary(cumulative); }
    public PrequentialSummary decayed() { return summary(decayed); }

    private PrequentialSummary summary(double[] a) {
        double n = a[0];
        if (n == 0) return new PrequentialSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        if (task == Task.CLASSIFICATION) {
            return new PrequentialSummary(n, Double.NaN, a[2] / n, Double.NaN, Double.NaN, a[5] / n);
        }
        return new PrequentialSummary(n, Math.sqrt(a[1] / n), a[2] / n, a[3] / n, a[4] / n, Double.NaN);
    }
}
