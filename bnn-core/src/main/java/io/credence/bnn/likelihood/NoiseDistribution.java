package io.credence.bnn.likelihood;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The regression noise at unit scale: N(0, 1), or Student-t with nu degrees of freedom (nu &gt; 2, so that the noise
 * has a variance). A likelihood with scale sigma, written through s = log sigma^2, costs per example
 * <pre>nll = logNormaliser + s/2 + penalty(q),  q = (y - f)^2 exp(-s),</pre>
 * where penalty(q) = q/2 for the Gaussian and (nu+1)/2 log(1 + q/nu) for Student-t. The t penalty grows like log q,
 * not q, so one outlying label pulls the fit, and one prediction far from its target costs, tens of nats rather than
 * thousands; as nu grows the t tends to the Gaussian.
 */
public final class NoiseDistribution {
    /** The Gaussian: nu = infinity. */
    public static final NoiseDistribution GAUSSIAN = new NoiseDistribution(Double.POSITIVE_INFINITY);
    private static final Map<Double, NoiseDistribution> STUDENT_T = new ConcurrentHashMap<>();

    private final double nu;
    private final double logNormaliser;
    private final double varianceFactor;
    /** |z| beyond which a tail holds less than 1e-12 of the mass: the bracket of every quantile a user can ask for. */
    private final double tailBound;

    private NoiseDistribution(double nu) {
        this.nu = nu;
        if (Double.isInfinite(nu)) {
            logNormaliser = 0.5 * Math.log(2 * Math.PI);
            varianceFactor = 1;
            tailBound = 9;
        } else {
            logNormaliser = Gamma.logGamma(nu / 2) - Gamma.logGamma((nu + 1) / 2) + 0.5 * Math.log(nu * Math.PI);
            varianceFactor = nu / (nu - 2);
            tailBound = Math.max(9, new TDistribution(null, nu, 1e-12).inverseCumulativeProbability(1 - 1e-12));
        }
    }

    /**
     * The noise for {@code degreesOfFreedom}: infinity gives {@link #GAUSSIAN}, a finite value &gt; 2 Student-t.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static NoiseDistribution of(double degreesOfFreedom) {
        if (degreesOfFreedom == Double.POSITIVE_INFINITY) return GAUSSIAN;
        if (!(degreesOfFreedom > 2)) {
            throw new IllegalArgumentException("degrees of freedom must be > 2 (a finite variance) or infinite (Gaussian), got "
                    + degreesOfFreedom);
        }
        return STUDENT_T.computeIfAbsent(degreesOfFreedom, NoiseDistribution::new);
    }

    public boolean isGaussian() { return nu == Double.POSITIVE_INFINITY; }

    /** nu; infinity for the Gaussian. */
    public double degreesOfFreedom() { return nu; }

    /** -log density at 0 for unit scale: log(2 pi)/2, or log Gamma(nu/2) - log Gamma((nu+1)/2) + log(nu pi)/2. */
    public double logNormaliser() { return logNormaliser; }

    /** Variance of the unit-scale noise: 1, or nu / (nu - 2); the aleatoric variance is this times sigma^2. */
    public double varianceFactor() { return varianceFactor; }

    /** |z| beyond which each tail holds under 1e-12 (9 for the Gaussian, where it is 1e-19). */
    public double tailBound() { return tailBound; }

    /** penalty(q) for q = z^2, the standardised squared residual. */
    public double penalty(double q) {
        return isGaussian() ? 0.5 * q : 0.5 * (nu + 1) * Math.log1p(q / nu);
    }

    /** d penalty / dq: 1/2, or (nu + 1) / (2 (nu + q)), which falls as the residual grows (an outlier's pull fades). */
    public double penaltySlope(double q) {
        return isGaussian() ? 0.5 : 0.5 * (nu + 1) / (nu + q);
    }

    /** log density at z for unit scale. */
    public double logDensity(double z) {
        return -logNormaliser - penalty(z * z);
    }

    public double density(double z) {
        return Math.exp(logDensity(z));
    }

    /** P(Z &lt;= z): the Gaussian's from the complementary error function, Student-t's from the regularised incomplete beta. */
    public double cdf(double z) {
        if (isGaussian()) return 0.5 * Erf.erfc(-z / Math.sqrt(2));
        double tail = 0.5 * Beta.regularizedBeta(nu / (nu + z * z), nu / 2, 0.5);
        return z <= 0 ? tail : 1 - tail;
    }

    @Override
    public String toString() {
        return isGaussian() ? "Gaussian" : "Student-t(" + nu + ")";
    }
}
