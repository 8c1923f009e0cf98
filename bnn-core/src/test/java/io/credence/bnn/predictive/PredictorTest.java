package io.credence.bnn.predictive;

import io.credence.bnn.data.Standardizer;
import io.credence.bnn.likelihood.Normal;
import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.likelihood.NoiseDistribution;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Properties of the Monte Carlo predictive that hold for any posterior. */
class PredictorTest {

    static Posterior trained(ModelSpec spec) {
        OnlineLearner learner = OnlineLearner.create(spec);
        Random r = new Random(8);
        for (int i = 0; i < 30; i++) {
            double[][] x = new double[32][2];
            double[] y = new double[32];
            for (int k = 0; k < 32; k++) {
                x[k][0] = r.nextGaussian();
                x[k][1] = r.nextGaussian();
                y[k] = spec.classes() > 0 ? (x[k][0] > 0 ? 1 : 0) : 3 * x[k][0] + 10 + 0.5 * r.nextGaussian();
            }
            learner.learn(x, y, null);
        }
        return learner.posterior();
    }

    static double[][] grid(int n) {
        double[][] g = new double[n][2];
        for (int i = 0; i < n; i++) {
            g[i][0] = -3 + 6.0 * i / n;
            g[i][1] = 0.5;
        }
        return g;
    }

    @Test
    void aRowGetsTheSamePredictionAloneOrInABatch() {
        Predictor p = Predictor.of(trained(ClassicSpecs.regression("r", 2).network(n -> n.withHidden(8)).build()), 77);
        double[][] g = grid(20);
        PredictiveSummary[] batch = p.predict(g, 64);
        PredictiveSummary alone = p.predict(new double[][] {g[7]}, 64)[0];
        // Every row runs the same float operations in any batch (SampleBank), so "the same" means bit-identical.
        assertThat(alone.mean()).isEqualTo(batch[7].mean());
        assertThat(alone.std()).isEqualTo(batch[7].std());
        assertThat(alone.epistemicStd()).isEqualTo(batch[7].epistemicStd());
        assertThat(alone.quantiles()).containsExactly(batch[7].quantiles());
        PredictiveSummary again = Predictor.of(p.posterior(), 77).predict(new double[][] {g[7]}, 64)[0];
        assertThat(again.std()).isEqualTo(alone.std());
    }

    @Test
    void totalVarianceIsEpistemicPlusAleatoricAndQuantilesAreOrdered() {
        for (NoiseModel noise : NoiseModel.values()) for (double nu : new double[] {Double.POSITIVE_INFINITY, 4}) {
            Predictor p = Predictor.of(trained(ClassicSpecs.regression("r", 2).network(n -> n.withHidden(8))
                    .likelihood(l -> l.withNoise(noise, 0.5)
                            .withNoiseDegreesOfFreedom(nu)).build()), 1);
            for (PredictiveSummary s : p.predict(grid(30), 100)) {
                assertThat(s.std() * s.std()).isCloseTo(s.epistemicStd() * s.epistemicStd() + s.aleatoricStd() * s.aleatoricStd(), within(1e-9));
                assertThat(s.lower()).isLessThan(s.mean());
                assertThat(s.upper()).isGreaterThan(s.mean());
                for (int i = 1; i < s.quantiles().length; i++) assertThat(s.quantiles()[i]).isGreaterThan(s.quantiles()[i - 1]);
                // The 5% and 95% quantiles are the ends of the 90% interval.
                assertThat(s.quantiles()[0]).isCloseTo(s.lower(), within(1e-6 * (1 + Math.abs(s.lower()))));
                assertThat(s.quantiles()[4]).isCloseTo(s.upper(), within(1e-6 * (1 + Math.abs(s.upper()))));
            }
        }
    }

    @Test
    void mixtureQuantilesMatchTheGaussianWhenAllComponentsAgree() {
        PredictiveMixture m = new PredictiveMixture(NoiseDistribution.GAUSSIAN, new double[] {2, 2, 2},
                new double[] {0.5, 0.5, 0.5});
        for (double p : new double[] {0.01, 0.05, 0.5, 0.9, 0.999}) {
            assertThat(m.quantile(p)).isCloseTo(2 + 0.5 * Normal.quantile(p), within(1e-6));
        }
        assertThat(m.cdf(2)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963985, within(1e-8));
        assertThat(Normal.cdf(1.959963985)).isCloseTo(0.975, within(2e-7));
    }

    @Test
    void aStudentTComponentHasTheStudentTQuantilesAndVariance() {
        for (double nu : new double[] {2.5, 4, 30}) {
            PredictiveMixture m = new PredictiveMixture(NoiseDistribution.of(nu), new double[] {2, 2}, new double[] {0.5, 0.5});
            TDistribution t = new TDistribution(null, nu);
            for (double p : new double[] {1e-6, 0.001, 0.05, 0.5, 0.9, 0.999, 1 - 1e-6}) {
                assertThat(m.quantile(p)).as("nu %s, p %s", nu, p).isCloseTo(2 + 0.5 * t.inverseCumulativeProbability(p),
                        within(1e-6 * (1 + Math.abs(t.inverseCumulativeProbability(p)))));
            }
            assertThat(m.noiseVariance()).isCloseTo(0.25 * nu / (nu - 2), within(1e-12));
            assertThat(m.meanVariance()).isZero();
            assertThat(m.logDensity(3)).isCloseTo(t.logDensity(2) - Math.log(0.5), within(1e-12));
        }
    }

    @Test
    void studentTMixtureQuantilesMatchBisectionOnTheExactCdf() {
        Random r = new Random(13);
        for (int trial = 0; trial < 120; trial++) {
            double nu = new double[] {2.5, 4, 10}[trial % 3];
            int n = 1 + r.nextInt(100);
            double spread = new double[] {0.01, 0.3, 1, 5}[trial % 4];
            double[] means = new double[n], sds = new double[n];
            for (int s = 0; s < n; s++) {
                means[s] = 7 + spread * r.nextGaussian() + (trial % 5 == 0 && s % 3 == 0 ? 10 * spread : 0);
                sds[s] = trial % 2 == 0 ? 1 : 0.2 + r.nextDouble();
            }
            PredictiveMixture m = new PredictiveMixture(NoiseDistribution.of(nu), means, sds);
            for (double q = -20; q <= 40; q += 0.71) {
                assertThat(m.tabulatedCdf(q)).as("trial %d, cdf at %s", trial, q).isCloseTo(m.cdf(q), within(1e-8));
            }
            for (double p : new double[] {1e-5, 0.05, 0.25, 0.5, 0.75, 0.95, 1 - 1e-5}) {
                double root = bisect(m, p, -1e5, 1e5);
                assertThat(m.quantile(p)).as("trial %d, nu %s, p %s", trial, nu, p).isCloseTo(root, within(1e-6 * (1 + Math.abs(root - 7))));
            }
        }
    }

    @Test
    void mixtureQuantilesMatchBisectionForNarrowSkewedAndBimodalMixtures() {
        Random r = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(100);
            double spread = new double[] {0.01, 0.3, 1, 5}[trial % 4]; // component means' spread vs noise 1
            double[] means = new double[n], sds = new double[n];
            for (int s = 0; s < n; s++) {
                // Half the trials draw exponential means (skewed), some put a third of the components in a second cluster (a 50:50 split would leave the median anywhere in the gap).
                double e = trial % 3 == 0 ? -Math.log(1 - r.nextDouble()) : r.nextGaussian();
                means[s] = 7 + spread * e + (trial % 5 == 0 && s % 3 == 0 ? 10 * spread : 0);
                sds[s] = trial % 2 == 0 ? 1 : 0.2 + r.nextDouble();
            }
            PredictiveMixture m = new PredictiveMixture(NoiseDistribution.GAUSSIAN, means, sds);
            for (double p : new double[] {0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999}) {
                // cdf() is accurate to about 1e-7 in probability, so the reference root is good to ~1e-7 / density.
                assertThat(m.quantile(p)).as("trial %d, p %s", trial, p).isCloseTo(bisect(m, p, -100, 200), within(2e-6 * (1 + spread)));
            }
        }
    }

    /** The p-quantile of {@code m} by 200 bisection steps of {@link PredictiveMixture#cdf} on [lo, hi]: the reference root. */
    private static double bisect(PredictiveMixture m, double p, double lo, double hi) {
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (m.cdf(mid) < p) lo = mid; else hi = mid;
        }
        return lo;
    }

    /**
     * The first layer is sampled by local reparameterisation and the later ones by weight draws; for one row that
     * must give the same predictive as drawing every weight matrix. Checked against whole-network weight sampling
     * written out here, with 10,000 draws each: the means agree within 4 Monte Carlo standard errors, the epistemic
     * stds within 5%.
     */
    @Test
    void locallyReparameterisedDrawsMatchWholeWeightSampling() {
        Posterior post = trained(ClassicSpecs.regression("r", 2)
                .network(n -> n.withHidden(8, 8).withActivation(io.credence.bnn.spec.Activation.TANH)).build());
        int draws = ModelSpec.MAX_SAMPLES;
        Predictor p = Predictor.of(post, 21);
        Standardizer in = new Standardizer(post.inputs()), out = new Standardizer(post.target());
        Random r = new Random(5);
        for (double[] x : new double[][] {{0.3, -1.2}, {2.5, 0.5}, {-4, 3}}) {
            PredictiveSummary lrt = p.predict(new double[][] {x}, draws)[0];
            double[] z = {(x[0] - in.mean(0)) / in.std(0), (x[1] - in.mean(1)) / in.std(1)};
            double sum = 0, sumSq = 0;
            for (int d = 0; d < draws; d++) {
                double[] h = z;
                for (int l = 0; l < post.layers().size(); l++) {
                    LayerPosterior lp = post.layers().get(l);
                    double[] next = new double[lp.fanOut()];
                    for (int j = 0; j < lp.fanOut(); j++) {
                        double a = lp.biasMu()[j] + io.credence.bnn.layer.Softplus.value(lp.biasRho()[j]) * r.nextGaussian();
                        for (int i = 0; i < lp.fanIn(); i++) {
                            int k = i * lp.fanOut() + j;
                            a += h[i] * (lp.weightMu()[k] + io.credence.bnn.layer.Softplus.value(lp.weightRho()[k]) * r.nextGaussian());
                        }
                        next[j] = l < post.layers().size() - 1 ? Math.tanh(a) : a;
                    }
                    h = next;
                }
                double y = h[0] * out.std(0) + out.mean(0);
                sum += y;
                sumSq += y * y;
            }
            double mean = sum / draws, sd = Math.sqrt(sumSq / draws - mean * mean);
            assertThat(lrt.mean()).as("mean at %s", java.util.Arrays.toString(x)).isCloseTo(mean, within(4 * sd / Math.sqrt(draws)));
            assertThat(lrt.epistemicStd()).as("epistemic std at %s", java.util.Arrays.toString(x)).isCloseTo(sd, within(0.05 * sd));
        }
    }

    @Test
    void classifierProbabilitiesAreNormalisedAndInformationIsBounded() {
        Predictor p = Predictor.of(trained(ClassicSpecs.classification("c", 2, 2).network(n -> n.withHidden(8))
                .build()), 3);
        for (PredictiveSummary s : p.predict(grid(30), 50)) {
            double sum = 0;
            for (double v : s.classProbabilities()) sum += v;
            assertThat(sum).isCloseTo(1, within(1e-9));
            assertThat(s.entropy()).isBetween(0.0, Math.log(2) + 1e-12);
            assertThat(s.mutualInformation()).isBetween(0.0, s.entropy() + 1e-12);
            assertThat(s.mean()).isEqualTo(s.classProbabilities()[s.predictedClass()]);
        }
    }

    @Test
    void predictionsComeBackInTargetUnits() {
        Predictor p = Predictor.of(trained(ClassicSpecs.regression("r", 2).network(n -> n.withHidden(8)).build()), 5);
        PredictiveSummary atZero = p.predict(new double[][] {{0, 0}}, 100)[0];
        assertThat(atZero.mean()).isCloseTo(10, within(1.0));
        // Homoscedastic noise: the aleatoric std is the learned noise std scaled back by the target's std.
        Posterior post = p.posterior();
        double targetStd = new Standardizer(post.target()).std(0);
        assertThat(atZero.aleatoricStd()).isCloseTo(Math.exp(post.noiseLogSigma()) * targetStd, within(1e-9));
        assertThat(targetStd).isCloseTo(3.0, within(0.3));
    }

    @Test
    void theDrawsOfARegressionAreTheComponentsOfItsSummary() {
        for (NoiseModel noise : NoiseModel.values()) for (double nu : new double[] {Double.POSITIVE_INFINITY, 4}) {
            Predictor p = Predictor.of(trained(ClassicSpecs.regression("r", 2).network(n -> n.withHidden(8))
                    .likelihood(l -> l.withNoise(noise, 0.5)
                            .withNoiseDegreesOfFreedom(nu)).build()), 9);
            double[][] g = grid(12);
            boolean[] withDraws = new boolean[g.length];
            for (int b = 0; b < g.length; b += 2) withDraws[b] = true;
            double factor = NoiseDistribution.of(nu).varianceFactor();

            Predictor.Scored[] scored = p.predictWithDraws(g, 100, Predictor.DEFAULT_QUANTILES, withDraws);
            PredictiveSummary[] plain = p.predict(g, 100);

            for (int b = 0; b < g.length; b++) {
                PredictiveSummary s = scored[b].summary();
                assertSameSummary(s, plain[b]);
                if (!withDraws[b]) {
                    assertThat(scored[b].draws()).isNull();
                    continue;
                }
                PredictiveDraws d = scored[b].draws();
                assertThat(d.samples()).isEqualTo(100);
                assertThat(d.noiseScales()).hasSize(100);
                assertThat(java.util.Arrays.stream(d.noiseScales()).min().orElseThrow()).isPositive();
                assertThat(d.classProbabilities()).isNull();
                double mean = average(d.means());
                double spread = 0, noiseVariance = 0;
                for (int k = 0; k < 100; k++) {
                    spread += (d.means()[k] - mean) * (d.means()[k] - mean) / 100;
                    noiseVariance += d.noiseScales()[k] * d.noiseScales()[k] * factor / 100;
                }
                assertThat(mean).as("%s, nu %s", noise, nu).isCloseTo(s.mean(), within(1e-9));
                assertThat(Math.sqrt(spread)).isCloseTo(s.epistemicStd(), within(1e-9));
                assertThat(Math.sqrt(noiseVariance)).isCloseTo(s.aleatoricStd(), within(1e-9));
                if (noise != NoiseModel.HETEROSCEDASTIC) {
                    assertThat(d.noiseScales()).containsOnly(d.noiseScales()[0]);
                }
            }
        }
    }

    @Test
    void theDrawsOfAClassifierAverageToItsClassProbabilities() {
        Predictor p = Predictor.of(trained(ClassicSpecs.classification("c", 2, 3).network(n -> n.withHidden(8))
                .build()), 4);
        double[][] g = grid(10);
        boolean[] withDraws = new boolean[g.length];
        java.util.Arrays.fill(withDraws, true);
        withDraws[3] = false;

        Predictor.Scored[] scored = p.predictWithDraws(g, 60, Predictor.DEFAULT_QUANTILES, withDraws);
        PredictiveSummary[] plain = p.predict(g, 60);

        for (int b = 0; b < g.length; b++) {
            PredictiveSummary s = scored[b].summary();
            assertSameSummary(s, plain[b]);
            assertThat(s.classProbabilities()).containsExactly(plain[b].classProbabilities());
            if (!withDraws[b]) {
                assertThat(scored[b].draws()).isNull();
                continue;
            }
            PredictiveDraws d = scored[b].draws();
            assertThat(d.samples()).isEqualTo(60);
            assertThat(d.noiseScales()).isNull();
            assertThat(d.classProbabilities()).hasNumberOfRows(60);
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (double[] draw : d.classProbabilities()) sum += draw[c];
                assertThat(sum / 60).isCloseTo(s.classProbabilities()[c], within(1e-9));
            }
            for (int k = 0; k < 60; k++) {
                assertThat(d.classProbabilities()[k]).hasSize(3);
                assertThat(average(d.classProbabilities()[k]) * 3).isCloseTo(1, within(1e-12));
                assertThat(d.means()[k]).isEqualTo(d.classProbabilities()[k][s.predictedClass()]);
            }
            assertThat(average(d.means())).isCloseTo(s.mean(), within(1e-9));
        }
    }

    /** Same draws, same float operations: bit-identical. */
    private static void assertSameSummary(PredictiveSummary actual, PredictiveSummary expected) {
        assertThat(actual.mean()).isEqualTo(expected.mean());
        assertThat(actual.std()).isEqualTo(expected.std());
        assertThat(actual.epistemicStd()).isEqualTo(expected.epistemicStd());
        assertThat(actual.aleatoricStd()).isEqualTo(expected.aleatoricStd());
        assertThat(actual.lower()).isEqualTo(expected.lower());
        assertThat(actual.upper()).isEqualTo(expected.upper());
        assertThat(actual.quantiles()).containsExactly(expected.quantiles());
        assertThat(actual.predictedClass()).isEqualTo(expected.predictedClass());
    }

    private static double average(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }
}
