package io.credence.bnn.model;

/**
 * The trainable variational parameters of a network, flat: posterior means mu [P] and rhos rho [P] over every weight
 * and bias (sigma = softplus(rho)), plus the likelihood's own parameters [E] (e.g. log noise std). The same shape
 * holds gradients and Adam's moments. In the optimiser's flat view the order is mu, rho, likelihood.
 */
public final class ParameterVector {
    public final double[] mu;
    public final double[] rho;
    public final double[] likelihood;

    public ParameterVector(int parameters, int likelihoodParameters) {
        this(new double[parameters], new double[parameters], new double[likelihoodParameters]);
    }

    public ParameterVector(double[] mu, double[] rho, double[] likelihood) {
        if (mu.length != rho.length) throw new IllegalArgumentException("mu has " + mu.length + " entries, rho " + rho.length);
        this.mu = mu;
        this.rho = rho;
        this.likelihood = likelihood;
    }

    /** Length of the flat view: 2P + E. */
    public int flatSize() { return mu.length + rho.length + likelihood.length; }

    public ParameterVector copy() {
        return new ParameterVector(mu.clone(), rho.clone(), likelihood.clone());
    }

    /** Overwrites this with {@code other}'s values. */
    public void assign(ParameterVector other) {
        System.arraycopy(other.mu, 0, mu, 0, mu.length);
        System.arraycopy(other.rho, 0, rho, 0, rho.length);
        System.arraycopy(other.likelihood, 0, likelihood, 0, likelihood.length);
    }

    public void zero() {
        java.util.Arrays.fill(mu, 0);
        java.util.Arrays.fill(rho, 0);
        java.util.Arrays.fill(likelihood, 0);
    }

    /** Entry i of the flat view (mu, then rho, then likelihood). */
    public double get(int i) {
        if (i < mu.length) return mu[i];
        i -= mu.length;
        if (i < rho.length) return rho[i];
        return likelihood[i - rho.length];
    }

    public void set(int i, double v) {
        if (i < mu.length) { mu[i] = v; return; }
        i -= mu.length;
        if (i < rho.length) { rho[i] = v; return; }
        likelihood[i - rho.length] = v;
    }

    /** Euclidean norm over all entries (NaN or infinite if any entry is). */
    public double norm() {
        return Math.sqrt(sumOfSquares(mu) + sumOfSquares(rho) + sumOfSquares(likelihood));
    }

    /** Four interleaved partial sums, so the additions do not wait on each other (a serial sum runs at a quarter). */
    private static double sumOfSquares(double[] v) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= v.length; i += 4) {
            s0 += v[i] * v[i];
            s1 += v[i + 1] * v[i + 1];
            s2 += v[i + 2] * v[i + 2];
            s3 += v[i + 3] * v[i + 3];
        }
        for (; i < v.length; i++) s0 += v[i] * v[i];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Whether every entry is finite and within float32 range, so that the float32 export (snapshots, checkpoints)
     * holds it as a finite number: a double of 1e40 is finite, its float32 rounding is infinite.
     */
    public boolean fitsFloat32() {
        for (double[] values : new double[][] {mu, rho, likelihood}) {
            for (double v : values) {
                if (!(Math.abs(v) <= Float.MAX_VALUE)) return false;
            }
        }
        return true;
    }

    /** The flat view as float32 (for checkpoints). */
    public float[] toFloats() {
        float[] out = new float[flatSize()];
        for (int i = 0; i < out.length; i++) out[i] = (float) get(i);
        return out;
    }

    /** A vector of P parameters and E likelihood parameters read from a flat float32 view (a checkpoint's). */
    public static ParameterVector fromFloats(int parameters, int likelihoodParameters, float[] flat) {
        ParameterVector v = new ParameterVector(parameters, likelihoodParameters);
        if (flat.length != v.flatSize()) throw new IllegalArgumentException("expected " + v.flatSize() + " values, got " + flat.length);
        for (int i = 0; i < flat.length; i++) v.set(i, flat[i]);
        return v;
    }
}
