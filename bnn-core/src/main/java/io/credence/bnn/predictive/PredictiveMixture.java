package io.credence.bnn.predictive;

import io.credence.bnn.likelihood.Normal;
import io.credence.bnn.likelihood.NoiseDistribution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * The posterior predictive of one regression input as an equal-weight mixture of S components mean_s + sd_s eps, one
 * per Monte Carlo draw, eps the model's unit noise (Gaussian or Student-t, {@link NoiseDistribution}): its log density
 * and its quantiles (Halley's method on the mixture CDF, safeguarded by bisection).
 */
public final class PredictiveMixture {
    private final NoiseDistribution noise;
    private final Table table;
    private final double[] means;
    /** Component scales (the std of a Gaussian component; a Student-t component's std is sd sqrt(nu / (nu - 2))). */
    private final double[] sds;
    private final double[] invSds;
    private final double mean;
    private final double meanVariance;  // variance of the component means (epistemic)
    private final double noiseVariance; // mean of the component variances (aleatoric)
    private final double skewness;
    private final double excessKurtosis;
    /** Every component's mean -+ its noise's tail bound in sds: the interval that holds every quantile. */
    private final double supportLo;
    private final double supportHi;
    private final double narrowestSd;
    /** Absolute tolerance of {@link #quantile(double)}: 1e-7 times the mixture's spread (component means -+ 9 sds). */
    private final double tolerance;
    private double lastDensity;
    private double lastDensitySlope;

    /**
     * @param noise the unit noise of every component
     * @param means component means [S]
     * @param sds   component scales [S] (&gt; 0)
     */
    public PredictiveMixture(NoiseDistribution noise, double[] means, double[] sds) {
        this.noise = noise;
        this.table = noise.isGaussian() ? GAUSSIAN_TABLE : STUDENT_T_TABLES.computeIfAbsent(noise, Table::of);
        this.means = means;
        this.sds = sds;
        int n = means.length;
        this.invSds = new double[n];
        double tail = noise.tailBound();
        double sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, maxSd = 0, minSd = Double.POSITIVE_INFINITY;
        double spanLo = Double.POSITIVE_INFINITY, spanHi = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            invSds[s] = 1 / sds[s];
            sum += means[s];
            lo = Math.min(lo, means[s] - tail * sds[s]);
            hi = Math.max(hi, means[s] + tail * sds[s]);
            spanLo = Math.min(spanLo, means[s] - LIM * sds[s]);
            spanHi = Math.max(spanHi, means[s] + LIM * sds[s]);
            maxSd = Math.max(maxSd, sds[s]);
            minSd = Math.min(minSd, sds[s]);
        }
        supportLo = lo;
        supportHi = hi;
        narrowestSd = minSd;
        tolerance = 1e-7 * (maxSd + (spanHi - spanLo));
        mean = sum / n;
        // Moments of the components: the noise's variance factor scales sd^2; the fourth moment takes the Gaussian's
        // 3 v^2 even for Student-t (whose may be infinite), since it only shapes the first guess of a quantile solve.
        double factor = noise.varianceFactor();
        double spread = 0, noiseSum = 0, m3 = 0, m4 = 0;
        for (int s = 0; s < n; s++) {
            double d = means[s] - mean, d2 = d * d, v = sds[s] * sds[s] * factor;
            spread += d2;
            noiseSum += v;
            m3 += d * (d2 + 3 * v);
            m4 += d2 * d2 + 6 * d2 * v + 3 * v * v;
        }
        meanVariance = spread / n;
        noiseVariance = noiseSum / n;
        double m2 = meanVariance + noiseVariance;
        skewness = m3 / n / Math.pow(m2, 1.5);
        excessKurtosis = m4 / n / (m2 * m2) - 3;
    }

    /** The mixture mean: the average of the component means. */
    public double mean() { return mean; }

    /** Variance of the component means around {@link #mean()}: the epistemic part of the predictive variance. */
    public double meanVariance() { return meanVariance; }

    /** Average component variance: the aleatoric part of the predictive variance. */
    public double noiseVariance() { return noiseVariance; }

    /** Total predictive variance, {@link #meanVariance()} + {@link #noiseVariance()} (law of total variance). */
    public double variance() { return meanVariance + noiseVariance; }

    // The unit noise's CDF F tabulated with its density f = F' on knots every 1/STEPS over [-LIM, LIM]; between knots F
    // is the cubic Hermite interpolant (Gaussian: |error| < 1e-10) and the density its derivative (|error| < 2e-8). No
    // exp per component: a quantile solve costs a few multiply-adds per component and Halley step. Beyond -+LIM the
    // Gaussian is 0 or 1 (Phi(-9) = 1e-19); Student-t's tails are computed exactly.
    private static final int STEPS = 64;
    private static final double LIM = 9;
    private static final int KNOTS = (int) (2 * LIM * STEPS) + 1;
    private static final double PHI_AT_MINUS_LIM = 1.1285884059538407e-19;
    private static final Table GAUSSIAN_TABLE = Table.of(NoiseDistribution.GAUSSIAN);
    private static final Map<NoiseDistribution, Table> STUDENT_T_TABLES = new ConcurrentHashMap<>();

    private record Table(double[] cdf, double[] pdf) {
        /** F by integrating f knot to knot with 5-point Gauss-Legendre (exact to rounding at this spacing for the Gaussian). */
        static Table of(NoiseDistribution noise) {
            double[] gx = {0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640};
            double[] gw = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891};
            double half = 0.5 / STEPS;
            double acc = noise.isGaussian() ? PHI_AT_MINUS_LIM : noise.cdf(-LIM);
            DoubleUnaryOperator density = noise.isGaussian() ? Normal::pdf : noise::density;
            double[] cdf = new double[KNOTS], pdf = new double[KNOTS];
            for (int i = 0; i < KNOTS; i++) {
                double z = -LIM + (double) i / STEPS;
                pdf[i] = density.applyAsDouble(z);
                if (i > 0) {
                    double mid = z - half;
                    for (int k = 0; k < gx.length; k++) acc += half * gw[k] * density.applyAsDouble(mid + half * gx[k]);
                }
                cdf[i] = acc;
            }
            return new Table(cdf, pdf);
        }
    }

    /**
     * The mixture CDF at q; leaves the mixture density at q in lastDensity and its derivative in lastDensitySlope (each
     * component's unit density f has f'(z) = -2 z penaltySlope(z^2) f(z), as log f = -penalty(z^2) + const).
     */
    private double cdfAndDensity(double q) {
        double cdf = 0, dens = 0, slope = 0;
        double h = 1.0 / STEPS;
        double[] cdfs = table.cdf, pdfs = table.pdf;
        boolean gaussian = noise.isGaussian();
        for (int s = 0; s < means.length; s++) {
            double inv = invSds[s];
            double z = (q - means[s]) * inv;
            double x = (z + LIM) * STEPS;
            // z <= -LIM, or z >= LIM (or just below it and rounded up to the last knot)
            if (z <= -LIM || x >= KNOTS - 1) {
                if (gaussian) {
                    if (z > 0) cdf += 1;
                } else {
                    double d = noise.density(z) * inv;
                    cdf += noise.cdf(z);
                    dens += d;
                    slope -= 2 * z * noise.penaltySlope(z * z) * d * inv;
                }
                continue;
            }
            int i = (int) x;
            double u = x - i, u2 = u * u, u3 = u2 * u;
            double f0 = cdfs[i], f1 = cdfs[i + 1], d0 = pdfs[i] * h, d1 = pdfs[i + 1] * h;
            cdf += (2 * u3 - 3 * u2 + 1) * f0 + (u3 - 2 * u2 + u) * d0 + (3 * u2 - 2 * u3) * f1 + (u3 - u2) * d1;
            double d = ((6 * u2 - 6 * u) * (f0 - f1) + (3 * u2 - 4 * u + 1) * d0 + (3 * u2 - 2 * u) * d1) * STEPS * inv;
            dens += d;
            slope -= z * (gaussian ? 1 : 2 * noise.penaltySlope(z * z)) * d * inv;
        }
        lastDensity = dens / means.length;
        lastDensitySlope = slope / means.length;
        return cdf / means.length;
    }

    /** log (1/S) sum_s p(y; mean_s, sd_s): for Gaussian components, log (1/S) sum_s N(y; mean_s, sd_s^2). */
    public double logDensity(double y) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[means.length];
        for (int s = 0; s < means.length; s++) {
            terms[s] = noise.logDensity((y - means[s]) / sds[s]) - Math.log(sds[s]);
            max = Math.max(max, terms[s]);
        }
        double sum = 0;
        for (double t : terms) sum += Math.exp(t - max);
        return max + Math.log(sum / means.length);
    }

    /** The CDF at q from the tabulated unit CDF (Gaussian: |error| &lt; 1e-10, no exp per component). */
    double tabulatedCdf(double q) {
        return cdfAndDensity(q);
    }

    /** The CDF at q from {@link NoiseDistribution#cdf} per component: slower, computed independently of the table. */
    public double cdf(double q) {
        double sum = 0;
        for (int s = 0; s < means.length; s++) sum += noise.cdf((q - means[s]) / sds[s]);
        return sum / means.length;
    }

    /**
     * The p-quantile, to an absolute tolerance of 1e-7 times the mixture's spread: Halley's method on the CDF from
     * {@link #approximateQuantile(double)}, safeguarded by bisection.
     */
    public double quantile(double p) {
        double lo = supportLo, hi = supportHi, tol = tolerance, minSd = narrowestSd;
        double q = Math.min(hi, Math.max(lo, approximateQuantile(p)));
        for (int iter = 0; iter < 100; iter++) {
            double f = cdfAndDensity(q) - p;
            if (f > 0) hi = q; else lo = q;
            double dens = lastDensity, denominator = 2 * dens * dens - f * lastDensitySlope;
            double next = dens > 0 && denominator > 0 ? q - 2 * f * dens / denominator : Double.NaN;
            double step = Math.abs(next - q);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            } else if (CUBIC * step * step * step / (minSd * minSd) < tol) {
                // Halley converges cubically: error after this step <= |K| step^3, and |K| = |F'''/6F' - (F''/2F')^2|
                // stays below CUBIC / minSd^2 near any quantile of a Gaussian mixture, so no further evaluation is needed.
                return next;
            }
            if (Math.abs(next - q) < tol || hi - lo < tol) return next;
            q = next;
        }
        return q;
    }

    /**
     * Bound on |F'''/6F' - (F''/2F')^2| times the narrowest component's sd squared near the quantiles: for one Gaussian
     * it is (z^2 + 2) / 12 at z sds from the mean, under 2 within 4 sds; narrow components near the quantile raise a
     * mixture's, hence the margin. Student-t's is smaller than the Gaussian's.
     */
    private static final double CUBIC = 32;

    /**
     * The Cornish-Fisher approximation of the p-quantile from the mixture's first four moments: exact for a single
     * Gaussian, and close enough for the near-Gaussian mixtures of a trained model that one Halley step usually
     * finishes {@link #quantile(double)}.
     */
    public double approximateQuantile(double p) {
        double z = Normal.quantile(p), z2 = z * z, skew = skewness;
        double w = z + (z2 - 1) * skew / 6 + (z2 * z - 3 * z) * excessKurtosis / 24 - (2 * z2 * z - 5 * z) * skew * skew / 36;
        return mean + w * Math.sqrt(variance());
    }
}
