package io.credence.cli.posterior;

/**
 * The posterior of one scalar: its mean, standard deviation and 5% / 95% quantiles. A point estimate (a learned noise
 * scale, which has no posterior of its own) has a NaN std and quantiles.
 */
public record Estimate(String name, double mean, double std, double q05, double q95) {

    /** z such that P(Z &lt;= z) = 0.95 for a standard normal Z. */
    public static final double Z95 = 1.6448536269514722;

    /** A Gaussian N(mean, std^2): its quantiles are mean -/+ {@value #Z95} std. */
    public static Estimate gaussian(String name, double mean, double std) {
        return new Estimate(name, mean, std, mean - Z95 * std, mean + Z95 * std);
    }

    /** A value without a posterior spread. */
    public static Estimate point(String name, double value) {
        return new Estimate(name, value, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether this is a point estimate (no std, no quantiles). */
    public boolean isPoint() {
        return Double.isNaN(std);
    }
}
