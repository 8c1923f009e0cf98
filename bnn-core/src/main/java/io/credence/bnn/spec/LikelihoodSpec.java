package io.credence.bnn.spec;

/**
 * The likelihood of a regression model's target: its noise (a classifier's is categorical and ignores this section).
 *
 * @param noiseModel            fixed, one learned or a per-input noise scale
 * @param noiseSigma            noise scale in standardised target units: the fixed value, or the start value when learned
 * @param noiseDegreesOfFreedom Student-t degrees of freedom of the noise (&gt; 2), or infinity for Gaussian noise
 */
public record LikelihoodSpec(NoiseModel noiseModel, double noiseSigma, double noiseDegreesOfFreedom) {

    /** Heteroscedastic Student-t noise with 4 degrees of freedom, starting at sigma 0.5. */
    public static final LikelihoodSpec DEFAULT = new LikelihoodSpec(NoiseModel.HETEROSCEDASTIC, 0.5, 4);

    public LikelihoodSpec {
        if (noiseModel == null) throw new IllegalArgumentException("noiseModel must be set");
        Checks.positive("noiseSigma", noiseSigma);
        if (!(noiseDegreesOfFreedom > 2)) {
            throw new IllegalArgumentException("noiseDegreesOfFreedom must be > 2 (Student-t with a finite variance) or "
                    + "infinite (Gaussian), got " + noiseDegreesOfFreedom);
        }
    }

    public LikelihoodSpec withNoise(NoiseModel model, double sigma) { return new LikelihoodSpec(model, sigma, noiseDegreesOfFreedom); }
    /** Student-t noise with {@code nu} degrees of freedom (&gt; 2); infinity is Gaussian noise. */
    public LikelihoodSpec withNoiseDegreesOfFreedom(double nu) { return new LikelihoodSpec(noiseModel, noiseSigma, nu); }

    /** This section's settings (see {@link SpecSettings}). */
    LikelihoodSpec settings(SpecSettings s) {
        return new LikelihoodSpec(s.choice("noiseModel", noiseModel), s.number("noiseSigma", noiseSigma),
                s.numberOrInfinity("noiseDegreesOfFreedom", noiseDegreesOfFreedom));
    }
}
