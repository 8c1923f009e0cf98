package io.credence.cli.demo;

/**
 * Labeled examples held in memory.
 *
 * @param x features, [n][features]
 * @param y labels, [n] (regression targets or class indexes)
 */
public record Dataset(double[][] x, double[] y) {

    /** Checks that there is one label per row. */
    public Dataset {
        if (x.length != y.length) throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
    }

    /** Number of examples. */
    public int size() {
        return y.length;
    }
}
