package io.credence.cli.posterior;

import io.credence.bnn.layer.Softplus;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.cli.posterior.PosteriorPrinter.Format;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The original-units view of a linear model's posterior against values derived by hand from known mu, sigma and
 * standardiser states, against Monte Carlo draws of {@code credence posterior --samples}, and against the scorer's own
 * {@link Predictor}, which applies the same standardisers the other way round.
 */
class LinearPosteriorTest {

    // Inputs: x1 with mean 5 and std 2, x2 with mean 150 and std 30; target: mean 10, std 4 (population stds, as the
    // Welford standardiser computes them: m2 = std^2 * count).
    static final StandardizerState INPUTS = new StandardizerState(100, new double[] {5, 150}, new double[] {4 * 100, 900 * 100});
    static final StandardizerState TARGET = new StandardizerState(100, new double[] {10}, new double[] {16 * 100});
    // Standardised-unit posterior: w1 ~ N(0.4, 0.05^2), w2 ~ N(-0.7, 0.02^2), b ~ N(0.1, 0.1^2); noise std 0.1.
    static final double W1 = 0.4, W2 = -0.7, B = 0.1, S1 = 0.05, S2 = 0.02, SB = 0.1, NOISE = 0.1;

    // coef_j = w_j sy / sx_j, intercept = my + sy (b - sum_j w_j mx_j / sx_j), the variances likewise, by hand:
    static final double COEF1 = 0.4 * 4 / 2, COEF1_STD = 0.05 * 4 / 2;                       // 0.8, 0.1
    static final double COEF2 = -0.7 * 4 / 30, COEF2_STD = 0.02 * 4 / 30;                    // -0.0933.., 0.00266..
    static final double INTERCEPT = 10 + 4 * (0.1 - (0.4 * 5 / 2 - 0.7 * 150 / 30));         // 10 + 4 * 2.6 = 20.4
    static final double INTERCEPT_STD = 4 * Math.sqrt(0.1 * 0.1 + 0.05 * 0.05 * 2.5 * 2.5 + 0.02 * 0.02 * 5 * 5); // 0.75498..
    static final double NOISE_SCALE = 4 * 0.1;

    static final double TOLERANCE = 1e-5; // the posterior's parameters are float32

    @Test
    void coefficientsInterceptAndNoiseMatchTheHandDerivedClosedForm() {
        Map<String, Estimate> e = byName(LinearPosterior.of(regression(NoiseModel.HOMOSCEDASTIC, Double.POSITIVE_INFINITY),
                List.of("x1", "x2")).estimates());
        assertThat(e.keySet()).containsExactly("coef[x1]", "coef[x2]", "intercept", "noise_scale");
        assertGaussian(e.get("coef[x1]"), COEF1, COEF1_STD);
        assertGaussian(e.get("coef[x2]"), COEF2, COEF2_STD);
        assertGaussian(e.get("intercept"), INTERCEPT, INTERCEPT_STD);
        assertThat(INTERCEPT_STD).isCloseTo(0.754983, within(1e-6));
        assertThat(e.get("noise_scale").mean()).isCloseTo(NOISE_SCALE, within(TOLERANCE));
        assertThat(e.get("noise_scale").isPoint()).as("a learned noise scale has no posterior spread").isTrue();
    }

    @Test
    void twentyThousandDrawsAgreeWithTheClosedFormWithinMonteCarloError() {
        int k = 20_000;
        double[][] draws = csvDraws(regression(NoiseModel.HOMOSCEDASTIC, Double.POSITIVE_INFINITY), k, 0,
                List.of("coef[x1]", "coef[x2]", "intercept", "noise_scale"));
        double[][] expected = {{COEF1, COEF1_STD}, {COEF2, COEF2_STD}, {INTERCEPT, INTERCEPT_STD}};
        for (int c = 0; c < expected.length; c++) {
            double mean = expected[c][0], std = expected[c][1];
            double[] column = column(draws, c);
            // Standard errors of a Gaussian sample's mean, std and 5% / 95% quantiles; 4 of them is a 1-in-15,000 miss.
            assertThat(mean(column)).as("mean of column %d", c).isCloseTo(mean, within(4 * std / Math.sqrt(k)));
            assertThat(std(column)).as("std of column %d", c).isCloseTo(std, within(4 * std / Math.sqrt(2.0 * (k - 1))));
            double quantileSe = std * Math.sqrt(0.05 * 0.95 / k) / (Math.exp(-0.5 * Estimate.Z95 * Estimate.Z95) / Math.sqrt(2 * Math.PI));
            Arrays.sort(column);
            assertThat(column[(int) (0.05 * k)]).isCloseTo(mean - Estimate.Z95 * std, within(4 * quantileSe));
            assertThat(column[(int) (0.95 * k)]).isCloseTo(mean + Estimate.Z95 * std, within(4 * quantileSe));
        }
        assertThat(Arrays.stream(column(draws, 3)).min().orElseThrow()).as("the point-estimate noise scale in every draw")
                .isEqualTo(Arrays.stream(column(draws, 3)).max().orElseThrow()).isCloseTo(NOISE_SCALE, within(TOLERANCE));
    }

    @Test
    void drawsAreReproducibleBySeed() {
        Posterior p = regression(NoiseModel.HOMOSCEDASTIC, Double.POSITIVE_INFINITY);
        assertThat(samples(p, 50, 7, Format.CSV)).isEqualTo(samples(p, 50, 7, Format.CSV))
                .isNotEqualTo(samples(p, 50, 8, Format.CSV));
        List<String> json = samples(p, 3, 7, Format.JSON).lines().toList();
        List<String> csv = samples(p, 3, 7, Format.CSV).lines().toList();
        assertThat(json).hasSize(3);
        assertThat(json.get(0)).startsWith("{\"coef[x1]\":" + csv.get(1).split(",")[0] + ",");
    }

    @Test
    void theCoefficientsReproduceTheScorersMeanAndNoise() {
        // With sigmas near zero the predictive mean is the network at its means, de-standardised by the Predictor.
        Posterior p = regression(NoiseModel.HOMOSCEDASTIC, Double.POSITIVE_INFINITY, -30);
        Map<String, Estimate> e = byName(LinearPosterior.of(p, List.of("a", "b")).estimates());
        double[][] x = {{0, 0}, {5, 150}, {7.5, 120}, {-3, 400}};
        PredictiveSummary[] predicted = Predictor.of(p, 1).predict(x, 4);
        for (int i = 0; i < x.length; i++) {
            double linear = e.get("intercept").mean() + e.get("coef[a]").mean() * x[i][0] + e.get("coef[b]").mean() * x[i][1];
            assertThat(predicted[i].mean()).as("row %d", i).isCloseTo(linear, within(1e-4 * (1 + Math.abs(linear))));
            assertThat(predicted[i].aleatoricStd()).isCloseTo(e.get("noise_scale").mean(), within(1e-6));
        }
    }

    @Test
    void heteroscedasticNoiseIsTheScaleAtTheMeanInputAFlooredLogNormal() {
        // Log-variance head: bias ~ N(-2, 0.5^2), floor -2.3 (binds for 27% of draws); weights 0, so the mean input
        // is where the bias is the whole head; noise scale = 4 exp(max(b, -2.3) / 2).
        Posterior p = heteroscedastic(-2, 0.5, -2.3, Double.POSITIVE_INFINITY);
        Estimate noise = byName(LinearPosterior.of(p, List.of("x1", "x2")).estimates()).get("noise_scale");
        assertThat(noise.q05()).isCloseTo(4 * Math.exp(-2.3 / 2), within(TOLERANCE)); // -2 - 1.645 * 0.5 < floor
        assertThat(noise.q95()).isCloseTo(4 * Math.exp((-2 + Estimate.Z95 * 0.5) / 2), within(TOLERANCE));
        int k = 20_000;
        double[] draws = column(csvDraws(p, k, 3, List.of("coef[x1]", "coef[x2]", "intercept", "noise_scale")), 3);
        double sampleStd = std(draws);
        assertThat(mean(draws)).isCloseTo(noise.mean(), within(4 * sampleStd / Math.sqrt(k)));
        assertThat(sampleStd).isCloseTo(noise.std(), within(0.03 * noise.std())); // std of a sample std of a skewed variable
        assertThat(Arrays.stream(draws).min().orElseThrow()).isCloseTo(4 * Math.exp(-2.3 / 2), within(TOLERANCE));

        Posterior unfloored = heteroscedastic(-2, 0.5, Double.NaN, Double.POSITIVE_INFINITY);
        Estimate logNormal = byName(LinearPosterior.of(unfloored, List.of("x1", "x2")).estimates()).get("noise_scale");
        assertThat(logNormal.mean()).isCloseTo(4 * Math.exp(-1 + 0.25 / 8), within(TOLERANCE));
        assertThat(logNormal.std()).isCloseTo(logNormal.mean() * Math.sqrt(Math.exp(0.25 / 4) - 1), within(TOLERANCE));
        assertThat(LinearPosterior.of(unfloored, List.of("x1", "x2")).noiseDescription()).contains("at the mean input");
    }

    @Test
    void studentTNoiseReportsItsScaleAndDegreesOfFreedom() {
        Map<String, Estimate> e = byName(LinearPosterior.of(regression(NoiseModel.HOMOSCEDASTIC, 4), List.of("x1", "x2")).estimates());
        assertThat(e.get("noise_scale").mean()).isCloseTo(NOISE_SCALE, within(TOLERANCE));
        assertThat(e.get("noise_df").mean()).isEqualTo(4);
    }

    @Test
    void classifierCoefficientsAreLogitsPerInputUnitPerClass() {
        // Two classes; weights [2 x 2] row-major: w[x1] = (0.4, -0.2), w[x2] = (-0.7, 0.3); biases (0.1, -0.1).
        ModelSpec spec = ModelSpec.classification("cls", 2, 2).network(n -> n.withHidden()).build();
        float[] wMu = {0.4f, -0.2f, -0.7f, 0.3f};
        float[] bMu = {0.1f, -0.1f};
        Posterior p = new Posterior(spec, List.of(new LayerPosterior(2, 2, wMu, rho(4, 1e-12), bMu, rho(2, 1e-12))),
                Double.NaN, Double.NaN, INPUTS, null, 100, 4);
        LinearPosterior linear = LinearPosterior.of(p, List.of("x1", "x2"));
        Map<String, Estimate> e = byName(linear.estimates());
        assertThat(e.keySet()).containsExactly("class0.coef[x1]", "class0.coef[x2]", "class0.intercept",
                "class1.coef[x1]", "class1.coef[x2]", "class1.intercept");
        assertThat(e.get("class0.coef[x1]").mean()).isCloseTo(0.4 / 2, within(TOLERANCE));
        assertThat(e.get("class1.coef[x2]").mean()).isCloseTo(0.3 / 30, within(TOLERANCE));
        assertThat(e.get("class0.intercept").mean()).isCloseTo(0.1 - (0.4 * 5 / 2 - 0.7 * 150 / 30), within(TOLERANCE));
        assertThat(e.get("class1.intercept").mean()).isCloseTo(-0.1 - (-0.2 * 5 / 2 + 0.3 * 150 / 30), within(TOLERANCE));
        assertThat(linear.parameterNames()).containsExactlyElementsOf(e.keySet());
        // The logits in original units give the scorer's class probabilities.
        double[] x = {6, 170};
        double l0 = e.get("class0.intercept").mean() + e.get("class0.coef[x1]").mean() * x[0] + e.get("class0.coef[x2]").mean() * x[1];
        double l1 = e.get("class1.intercept").mean() + e.get("class1.coef[x1]").mean() * x[0] + e.get("class1.coef[x2]").mean() * x[1];
        double p1 = 1 / (1 + Math.exp(l0 - l1));
        assertThat(Predictor.of(p, 1).predict(new double[][] {x}, 2)[0].classProbabilities()[1]).isCloseTo(p1, within(1e-5));
    }

    // --- fixtures

    /** The regression posterior of the constants above; rho of every weight and bias from its sigma. */
    static Posterior regression(NoiseModel noise, double degreesOfFreedom) {
        return regression(noise, degreesOfFreedom, Double.NaN);
    }

    /** The same, every rho set to {@code rho} when it is not NaN. */
    static Posterior regression(NoiseModel noise, double degreesOfFreedom, double rho) {
        ModelSpec spec = ModelSpec.regression("lin", 2).network(n -> n.withHidden())
                .likelihood(l -> l.withNoise(noise, 0.5).withNoiseDegreesOfFreedom(degreesOfFreedom)).build();
        float[] wRho = Double.isNaN(rho) ? new float[] {rhoOf(S1), rhoOf(S2)} : new float[] {(float) rho, (float) rho};
        float[] bRho = {Double.isNaN(rho) ? rhoOf(SB) : (float) rho};
        LayerPosterior layer = new LayerPosterior(2, 1, new float[] {(float) W1, (float) W2}, wRho, new float[] {(float) B}, bRho);
        return new Posterior(spec, List.of(layer), Math.log(NOISE), Double.NaN, INPUTS, TARGET, 1000, 32);
    }

    /** A heteroscedastic linear model: the mean unit as above, the log-variance unit's bias N(m, s^2), its weights 0. */
    static Posterior heteroscedastic(double m, double s, double floor, double degreesOfFreedom) {
        ModelSpec spec = ModelSpec.regression("het", 2).network(n -> n.withHidden())
                .likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 0.5)
                        .withNoiseDegreesOfFreedom(degreesOfFreedom)).build();
        LayerPosterior layer = new LayerPosterior(2, 2,
                new float[] {(float) W1, 0, (float) W2, 0}, new float[] {rhoOf(S1), rhoOf(1e-9), rhoOf(S2), rhoOf(1e-9)},
                new float[] {(float) B, (float) m}, new float[] {rhoOf(SB), rhoOf(s)});
        return new Posterior(spec, List.of(layer), Double.NaN, floor, INPUTS, TARGET, 1000, 32);
    }

    static float rhoOf(double sigma) {
        return (float) Softplus.inverse(sigma);
    }

    static float[] rho(int n, double sigma) {
        float[] out = new float[n];
        Arrays.fill(out, rhoOf(sigma));
        return out;
    }

    static void assertGaussian(Estimate e, double mean, double std) {
        assertThat(e.mean()).as(e.name() + " mean").isCloseTo(mean, within(TOLERANCE * Math.max(1, Math.abs(mean))));
        assertThat(e.std()).as(e.name() + " std").isCloseTo(std, within(TOLERANCE * std));
        assertThat(e.q05()).isCloseTo(e.mean() - 1.6448536 * e.std(), within(1e-6 * Math.max(1, Math.abs(mean))));
        assertThat(e.q95()).isCloseTo(e.mean() + 1.6448536 * e.std(), within(1e-6 * Math.max(1, Math.abs(mean))));
    }

    static Map<String, Estimate> byName(List<Estimate> estimates) {
        return estimates.stream().collect(Collectors.toMap(Estimate::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    /** {@code credence posterior --samples k --seed seed} of {@code p}: its CSV parsed, the header checked. */
    static double[][] csvDraws(Posterior p, int k, long seed, List<String> header) {
        List<String> lines = samples(p, k, seed, Format.CSV).lines().toList();
        assertThat(lines).hasSize(k + 1);
        assertThat(lines.get(0)).isEqualTo(String.join(",", header));
        return lines.stream().skip(1).map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    static String samples(Posterior p, int k, long seed, Format format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PosteriorPrinter(p, 1, List.of("x1", "x2"), format).samples(new PrintStream(bytes, true, StandardCharsets.UTF_8), k, seed);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static double[] column(double[][] rows, int c) {
        return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
