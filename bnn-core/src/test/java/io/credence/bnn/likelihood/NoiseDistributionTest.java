package io.credence.bnn.likelihood;

import io.credence.bnn.likelihood.Normal;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The unit noise against Commons Math's Student-t and the standard normal. */
class NoiseDistributionTest {

    @Test
    void studentTDensityDistributionAndVarianceMatchCommonsMath() {
        for (double nu : new double[] {2.5, 3, 4, 10, 30}) {
            NoiseDistribution noise = NoiseDistribution.of(nu);
            TDistribution t = new TDistribution(null, nu);
            for (double z = -40; z <= 40; z += 0.37) {
                assertThat(noise.logDensity(z)).as("nu %s, log density at %s", nu, z).isCloseTo(t.logDensity(z), within(1e-11));
                assertThat(noise.cdf(z)).as("nu %s, cdf at %s", nu, z).isCloseTo(t.cumulativeProbability(z), within(1e-13));
            }
            assertThat(noise.varianceFactor()).isCloseTo(t.getNumericalVariance(), within(1e-12));
            assertThat(noise.cdf(-noise.tailBound())).as("nu %s: mass beyond the tail bound", nu).isLessThan(1.01e-12);
        }
    }

    @Test
    void thePenaltySlopeIsThePenaltysDerivative() {
        for (NoiseDistribution noise : new NoiseDistribution[] {NoiseDistribution.GAUSSIAN, NoiseDistribution.of(3.5)}) {
            for (double q : new double[] {0, 0.1, 1, 4, 25, 400}) {
                double h = 1e-6 * (1 + q);
                double fd = (noise.penalty(q + h) - noise.penalty(Math.max(0, q - h))) / (q + h - Math.max(0, q - h));
                assertThat(noise.penaltySlope(q)).as("%s at q = %s", noise, q).isCloseTo(fd, within(1e-6));
            }
        }
    }

    @Test
    void theGaussianIsTheStandardNormalAndTheLimitOfStudentT() {
        NoiseDistribution gaussian = NoiseDistribution.of(Double.POSITIVE_INFINITY);
        assertThat(gaussian).isSameAs(NoiseDistribution.GAUSSIAN);
        NoiseDistribution nearlyGaussian = NoiseDistribution.of(1e7);
        for (double z = -6; z <= 6; z += 0.25) {
            assertThat(gaussian.logDensity(z)).isEqualTo(Normal.logPdf(z));
            assertThat(gaussian.cdf(z)).isCloseTo(Normal.cdf(z), within(2e-7));
            // log t_nu(z) - log phi(z) = O(z^4 / nu)
            assertThat(nearlyGaussian.logDensity(z)).isCloseTo(gaussian.logDensity(z), within(1e-4));
        }
        assertThat(gaussian.varianceFactor()).isEqualTo(1);
    }

    @Test
    void degreesOfFreedomWithoutAVarianceAreRefused() {
        for (double nu : new double[] {2, 1, 0, -3, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> NoiseDistribution.of(nu)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("degrees of freedom must be > 2");
        }
    }
}
