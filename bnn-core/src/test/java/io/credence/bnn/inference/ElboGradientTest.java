package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.model.ParameterVector;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.prior.Prior;
import io.credence.bnn.prior.ScaleMixturePrior;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-derived ELBO gradient against central finite differences, for every estimator, prior/KL path and
 * likelihood (Gaussian and Student-t noise). With the noise seed fixed, the Monte Carlo loss is a smooth function of
 * (mu, rho, likelihood parameters), so the two must agree to within the float32 network's rounding (relative 1e-3).
 */
class ElboGradientTest {

    enum PriorCase { GAUSSIAN_ANALYTIC, GAUSSIAN_MONTE_CARLO, SCALE_MIXTURE }

    enum LikelihoodCase { FIXED, HOMOSCEDASTIC, HETEROSCEDASTIC, FIXED_T, HOMOSCEDASTIC_T, HETEROSCEDASTIC_T, CATEGORICAL }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Estimator e : Estimator.values())
            for (PriorCase p : PriorCase.values())
                for (LikelihoodCase l : LikelihoodCase.values()) all.add(Arguments.of(e, p, l));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(Estimator estimator, PriorCase priorCase, LikelihoodCase likelihoodCase) {
        ModelSpec.Builder b = likelihoodCase == LikelihoodCase.CATEGORICAL
                ? ClassicSpecs.classification("g", 3, 3) : ClassicSpecs.regression("g", 3);
        b.network(n -> n.withHidden(4, 3).withActivation(Activation.TANH))
                .variational(v -> v.withEstimator(estimator).withTrainSamples(2).withMuInitStd(1.0).withRhoInit(-1.5))
                .seed(11);
        switch (likelihoodCase) {
            case FIXED -> b.likelihood(l -> l.withNoise(NoiseModel.FIXED, 0.7));
            case HOMOSCEDASTIC -> b.likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.7));
            case HETEROSCEDASTIC -> b.likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 0.7));
            case FIXED_T -> b.likelihood(l -> l.withNoise(NoiseModel.FIXED, 0.7).withNoiseDegreesOfFreedom(3.5));
            case HOMOSCEDASTIC_T -> b.likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.7)
                    .withNoiseDegreesOfFreedom(3.5));
            case HETEROSCEDASTIC_T -> b.likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 0.7)
                    .withNoiseDegreesOfFreedom(3.5));
            default -> { }
        }
        switch (priorCase) {
            case GAUSSIAN_ANALYTIC -> b.variational(v -> v.withPrior(new PriorSpec.Gaussian(0.1, 0.8))
                    .withKlMode(KlMode.ANALYTIC));
            case GAUSSIAN_MONTE_CARLO -> b
                    .variational(v -> v.withPrior(new PriorSpec.Gaussian(0.1, 0.8)).withKlMode(KlMode.MONTE_CARLO));
            case SCALE_MIXTURE -> b.variational(v -> v.withPrior(new PriorSpec.ScaleMixture(0.5, 1.0, 0.2)));
        }
        ModelSpec spec = b.build();
        BayesianNetwork net = BayesianNetwork.initialise(spec);
        ParameterVector p = net.parameters();
        Random r = new Random(3);
        for (int i = 0; i < p.rho.length; i++) p.rho[i] = -2 + r.nextDouble();
        for (int i = 0; i < p.likelihood.length; i++) p.likelihood[i] = -0.3;
        Prior prior = priorCase == PriorCase.SCALE_MIXTURE ? new ScaleMixturePrior(0.5, 1.0, 0.2)
                : GaussianPrior.isotropic(p.mu.length, 0.1, 0.8);

        int batch = 5;
        double[] xs = new double[batch * 3];
        for (int i = 0; i < xs.length; i++) xs[i] = r.nextGaussian();
        double[] y = new double[batch];
        double[] w = new double[batch];
        for (int i = 0; i < batch; i++) {
            // Labels 3 sds wide put some residuals in the Student-t's tails, where its pull fades.
            y[i] = likelihoodCase == LikelihoodCase.CATEGORICAL ? r.nextInt(3) : 3 * r.nextGaussian();
            w[i] = 0.5 + r.nextDouble();
        }
        double klScale = 0.05;
        Elbo elbo = new Elbo(net);
        GaussianSource rng = new GaussianSource(0);
        ParameterVector grad = new ParameterVector(p.mu.length, p.likelihood.length);
        rng.reseed(99);
        elbo.estimate(xs, y, w, prior, klScale, rng, grad);
        ParameterVector scratch = new ParameterVector(p.mu.length, p.likelihood.length);

        // The network computes in float32, so the loss carries rounding of about 1e-7 relative: a fourth-order
        // central difference lets h be large enough for that rounding to stay small once divided by h.
        double h = 2e-2;
        int checked = 0;
        for (int i = 0; i < p.flatSize(); i++) {
            double orig = p.get(i);
            double[] at = new double[4];
            double[] offsets = {h, -h, 2 * h, -2 * h};
            for (int k = 0; k < 4; k++) {
                p.set(i, orig + offsets[k]);
                rng.reseed(99);
                at[k] = elbo.estimate(xs, y, w, prior, klScale, rng, scratch).loss();
            }
            p.set(i, orig);
            double fd = (8 * (at[0] - at[1]) - (at[2] - at[3])) / (12 * h);
            double an = grad.get(i);
            assertThat(Math.abs(fd - an))
                    .as("d loss / d theta[%d] (of %d): analytic %s vs finite difference %s", i, p.flatSize(), an, fd)
                    .isLessThanOrEqualTo(5e-5 + 1e-3 * Math.max(Math.abs(fd), Math.abs(an)));
            checked++;
        }
        assertThat(checked).isEqualTo(2 * p.mu.length + p.likelihood.length);
        assertThat(grad.norm()).isGreaterThan(0);
    }
}
