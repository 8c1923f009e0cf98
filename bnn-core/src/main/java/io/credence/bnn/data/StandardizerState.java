package io.credence.bnn.data;

/** Welford state of an online standardiser: count, per-column mean and sum of squared deviations (M2). */
public record StandardizerState(long count, double[] mean, double[] m2) {
    public StandardizerState {
        if (count < 0 || mean.length != m2.length) {
            throw new IllegalArgumentException("standardiser needs count >= 0 and mean/m2 of equal length, got count "
                    + count + ", mean " + mean.length + ", m2 " + m2.length);
        }
        mean = mean.clone();
        m2 = m2.clone();
    }

    /** An empty standardiser over {@code columns} columns. */
    public static StandardizerState empty(int columns) {
        return new StandardizerState(0, new double[columns], new double[columns]);
    }

    @Override public double[] mean() { return mean.clone(); }
    @Override public double[] m2() { return m2.clone(); }
}
