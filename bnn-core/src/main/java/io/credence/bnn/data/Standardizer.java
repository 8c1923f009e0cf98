package io.credence.bnn.data;

/**
 * Online per-column standardiser (Welford's algorithm, batches merged with Chan et al.'s formula): z = (v - mean) / std
 * with the population std of the rows folded in so far. A column with fewer than two rows or zero spread uses std 1.
 * Only training rows are ever folded in, so scoring never leaks test data into the scaling.
 */
public final class Standardizer {
    private static final double MIN_STD = 1e-12;
    private long count;
    private final double[] mean;
    private final double[] m2;

    public Standardizer(StandardizerState state) {
        this.mean = new double[state.mean().length];
        this.m2 = new double[mean.length];
        restore(state);
    }

    /** Resets to {@code state} (same number of columns). */
    public void restore(StandardizerState state) {
        if (state.mean().length != mean.length) {
            throw new IllegalArgumentException("standardiser has " + mean.length + " columns, state " + state.mean().length);
        }
        count = state.count();
        System.arraycopy(state.mean(), 0, mean, 0, mean.length);
        System.arraycopy(state.m2(), 0, m2, 0, m2.length);
    }

    public int columns() { return mean.length; }
    public long count() { return count; }

    /** Folds rows [n][columns] in. */
    public void update(double[][] rows) {
        int n = rows.length;
        if (n == 0) return;
        for (int j = 0; j < mean.length; j++) {
            double batchMean = 0;
            for (double[] r : rows) batchMean += r[j];
            batchMean /= n;
            double batchM2 = 0;
            for (double[] r : rows) {
                double d = r[j] - batchMean;
                batchM2 += d * d;
            }
            merge(j, n, batchMean, batchM2);
        }
        count += n;
    }

    /** Folds a single column of values in (a one-column standardiser, e.g. the regression target). */
    public void update(double[] values) {
        int n = values.length;
        if (n == 0) return;
        double batchMean = 0;
        for (double v : values) batchMean += v;
        batchMean /= n;
        double batchM2 = 0;
        for (double v : values) batchM2 += (v - batchMean) * (v - batchMean);
        merge(0, n, batchMean, batchM2);
        count += n;
    }

    private void merge(int j, int n, double batchMean, double batchM2) {
        double total = count + n;
        double delta = batchMean - mean[j];
        mean[j] += delta * n / total;
        m2[j] += batchM2 + delta * delta * count * n / total;
    }

    public double mean(int j) { return mean[j]; }

    public double std(int j) {
        if (count < 2) return 1.0;
        double s = Math.sqrt(m2[j] / count);
        return s > MIN_STD ? s : 1.0;
    }

    /** (v - mean) / std per column into a new array. */
    public double[] transform(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) out[j] = (row[j] - mean[j]) / std(j);
        return out;
    }

    public StandardizerState state() {
        return new StandardizerState(count, mean, m2);
    }
}
