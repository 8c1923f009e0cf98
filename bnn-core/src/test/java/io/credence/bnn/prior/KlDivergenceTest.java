package io.credence.bnn.prior;

import io.credence.bnn.layer.GaussianSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The closed-form Gaussian KL against its Monte Carlo estimate, and the scale-mixture prior's density. */
class KlDivergenceTest {

    @Test
    void monteCarloKlConvergesToTheClosedForm() {
        int p = 50;
        double[] mu = new double[p], sigma = new double[p];
        GaussianSource r = new GaussianSource(4);
        for (int i = 0; i < p; i++) {
            mu[i] = r.nextGaussian();
            sigma[i] = 0.1 + Math.abs(r.nextGaussian());
        }
        GaussianPrior prior = GaussianPrior.isotropic(p, 0.2, 0.7);
        double exact = prior.kl(mu, sigma, 0, new double[p], new double[p]);
        int draws = 20_000;
        double sum = 0, sumSq = 0;
        double[] eps = new double[p];
        for (int d = 0; d < draws; d++) {
            r.fill(eps, 0, p);
            double v = KlDivergence.monteCarlo(prior, mu, sigma, eps, 0, new double[p], new double[p]);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / draws;
        double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
        assertThat(Math.abs(mean - exact)).as("MC KL %s vs closed form %s (se %s)", mean, exact, se).isLessThan(4 * se);
        assertThat(exact).isPositive();
    }

    @Test
    void klIsZeroWhenPosteriorEqualsPrior() {
        double[] mu = {0.3, 0.3}, sigma = {0.5, 0.5};
        double[] gMu = new double[2], gSigma = new double[2];
        double kl = GaussianPrior.isotropic(2, 0.3, 0.5).kl(mu, sigma, 1, gMu, gSigma);
        assertThat(kl).isCloseTo(0, within(1e-12));
        assertThat(gMu).containsExactly(0, 0);
        assertThat(gSigma[0]).isCloseTo(0, within(1e-12));
    }

    @Test
    void scaleMixtureDensityIntegratesToOneAndMatchesItsGradient() {
        ScaleMixturePrior prior = new ScaleMixturePrior(0.25, 1.0, 0.05);
        double integral = 0, h = 1e-4;
        for (double w = -10; w < 10; w += h) integral += Math.exp(prior.logDensity(0, w)) * h;
        assertThat(integral).isCloseTo(1.0, within(1e-4));
        for (double w : new double[] {-2, -0.1, 0.01, 0.3, 3}) {
            double fd = (prior.logDensity(0, w + 1e-6) - prior.logDensity(0, w - 1e-6)) / 2e-6;
            assertThat(prior.gradLogDensity(0, w)).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
    }
}
