package io.credence.bnn.spec;

/**
 * The prior, the variational family and how the ELBO is estimated: mean-field Gaussian posteriors
 * q(w) = N(mu, softplus(rho)^2) on every weight and bias.
 *
 * @param prior        weight prior
 * @param muInitStd    posterior means start as N(0, (muInitStd / sqrt(fanIn))^2); biases start at 0
 * @param rhoInit      posterior rho start value, sigma = softplus(rho)
 * @param estimator    gradient estimator
 * @param klMode       closed-form or Monte Carlo KL
 * @param klWeight     extra factor on the per-record KL weight (1 = the true ELBO)
 * @param trainSamples Monte Carlo draws averaged in each ELBO estimate
 */
public record VariationalSpec(PriorSpec prior, double muInitStd, double rhoInit, Estimator estimator, KlMode klMode,
                              double klWeight, int trainSamples) {

    /** An N(0, 1) prior, local reparameterisation, closed-form KL weighted 0.4, one draw per ELBO estimate. */
    public static final VariationalSpec DEFAULT = new VariationalSpec(new PriorSpec.Gaussian(0.0, 1.0), 1.0, -5.0,
            Estimator.LOCAL_REPARAMETERIZATION, KlMode.ANALYTIC, 0.4, 1);

    public VariationalSpec {
        if (prior == null || estimator == null || klMode == null) {
            throw new IllegalArgumentException("prior, estimator and klMode must be set");
        }
        Checks.positive("muInitStd", muInitStd);
        Checks.finite("rhoInit", rhoInit);
        if (klMode == KlMode.ANALYTIC && !(prior instanceof PriorSpec.Gaussian)) {
            throw new IllegalArgumentException("klMode ANALYTIC needs a Gaussian prior; a scale mixture has no closed-form KL (use MONTE_CARLO)");
        }
        Checks.nonNegative("klWeight", klWeight);
        Checks.atLeast("trainSamples", trainSamples, 1);
        Checks.atMost("trainSamples", trainSamples, ModelSpec.MAX_SAMPLES);
    }

    /** Sets the prior; a scale mixture also switches the KL to Monte Carlo, its only option. */
    public VariationalSpec withPrior(PriorSpec v) {
        return new VariationalSpec(v, muInitStd, rhoInit, estimator, klModeFor(v), klWeight, trainSamples);
    }
    public VariationalSpec withMuInitStd(double v) { return new VariationalSpec(prior, v, rhoInit, estimator, klMode, klWeight, trainSamples); }
    public VariationalSpec withRhoInit(double v) { return new VariationalSpec(prior, muInitStd, v, estimator, klMode, klWeight, trainSamples); }
    public VariationalSpec withEstimator(Estimator v) { return new VariationalSpec(prior, muInitStd, rhoInit, v, klMode, klWeight, trainSamples); }
    public VariationalSpec withKlMode(KlMode v) { return new VariationalSpec(prior, muInitStd, rhoInit, estimator, v, klWeight, trainSamples); }
    public VariationalSpec withKlWeight(double v) { return new VariationalSpec(prior, muInitStd, rhoInit, estimator, klMode, v, trainSamples); }
    public VariationalSpec withTrainSamples(int v) { return new VariationalSpec(prior, muInitStd, rhoInit, estimator, klMode, klWeight, v); }

    /** This section's settings (see {@link SpecSettings}); klMode, when not given, follows the prior as {@link #withPrior} does. */
    VariationalSpec settings(SpecSettings s) {
        PriorSpec p = s.prior("prior", prior);
        return new VariationalSpec(p, s.number("muInitStd", muInitStd), s.number("rhoInit", rhoInit),
                s.choice("estimator", estimator), s.choice("klMode", klModeFor(p)),
                s.number("klWeight", klWeight), s.whole("trainSamples", trainSamples));
    }

    private KlMode klModeFor(PriorSpec p) {
        return p instanceof PriorSpec.ScaleMixture ? KlMode.MONTE_CARLO : klMode;
    }
}
