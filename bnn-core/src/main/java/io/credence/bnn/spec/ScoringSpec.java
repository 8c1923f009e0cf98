package io.credence.bnn.spec;

/**
 * How the scorer predicts from a snapshot.
 *
 * @param scoreSamples  Monte Carlo draws per prediction
 * @param intervalLevel central predictive interval level
 */
public record ScoringSpec(int scoreSamples, double intervalLevel) {

    /** 100 draws per prediction, 90% intervals. */
    public static final ScoringSpec DEFAULT = new ScoringSpec(100, 0.9);

    public ScoringSpec {
        Checks.atLeast("scoreSamples", scoreSamples, 1);
        Checks.atMost("scoreSamples", scoreSamples, ModelSpec.MAX_SAMPLES);
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException("intervalLevel must be in (0, 1), got " + intervalLevel);
        }
    }

    public ScoringSpec withScoreSamples(int v) { return new ScoringSpec(v, intervalLevel); }
    public ScoringSpec withIntervalLevel(double v) { return new ScoringSpec(scoreSamples, v); }

    /** This section's settings (see {@link SpecSettings}). */
    ScoringSpec settings(SpecSettings s) {
        return new ScoringSpec(s.whole("scoreSamples", scoreSamples), s.number("intervalLevel", intervalLevel));
    }
}
