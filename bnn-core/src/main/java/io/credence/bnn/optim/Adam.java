package io.credence.bnn.optim;

import io.credence.bnn.model.ParameterVector;

/**
 * Adam (Kingma and Ba 2015) with optional global gradient-norm clipping, over a {@link ParameterVector}.
 * Call order per step: compute the gradient, then {@link #step}; the state (t, m, v) is exported with
 * {@link #state()} for checkpoints. Defaults beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private double learningRate;
    private double clipNorm;
    private long t;
    private final ParameterVector m;
    private final ParameterVector v;

    /** A fresh optimiser for parameters shaped like {@code shape}. */
    public Adam(ParameterVector shape, double learningRate, double clipNorm) {
        this(learningRate, clipNorm, 0,
                new ParameterVector(shape.mu.length, shape.likelihood.length),
                new ParameterVector(shape.mu.length, shape.likelihood.length));
    }

    /** An optimiser continuing from saved moments. */
    public Adam(double learningRate, double clipNorm, long t, ParameterVector m, ParameterVector v) {
        this.learningRate = learningRate;
        this.clipNorm = clipNorm;
        this.t = t;
        this.m = m;
        this.v = v;
    }

    /** Resets the state to an earlier (t, m, v), e.g. after a rejected step. */
    public void restore(long step, ParameterVector moments1, ParameterVector moments2) {
        t = step;
        m.assign(moments1);
        v.assign(moments2);
    }

    public void setLearningRate(double lr) { learningRate = lr; }
    public void setClipNorm(double c) { clipNorm = c; }
    public long t() { return t; }
    public ParameterVector m() { return m; }
    public ParameterVector v() { return v; }

    /**
     * One descent step on {@code params} along {@code grad} (gradient of the loss to minimise), whose global norm is
     * {@code norm} ({@link ParameterVector#norm}, computed once by the caller). The gradient is rescaled first
     * if that norm exceeds the clip. Returns the norm.
     */
    public double step(ParameterVector params, ParameterVector grad, double norm) {
        double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0;
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double stepSize = learningRate * Math.sqrt(c2) / c1;
        update(params.mu, grad.mu, m.mu, v.mu, scale, stepSize, c2);
        update(params.rho, grad.rho, m.rho, v.rho, scale, stepSize, c2);
        update(params.likelihood, grad.likelihood, m.likelihood, v.likelihood, scale, stepSize, c2);
        return norm;
    }

    private static void update(double[] p, double[] g, double[] m, double[] v, double scale, double stepSize, double c2) {
        double epsHat = EPSILON * Math.sqrt(c2);
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] * scale;
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + epsHat);
        }
    }
}
