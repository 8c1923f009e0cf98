package io.credence.bnn.inference;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.model.ParameterVector;
import io.credence.bnn.optim.Adam;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bayesian linear regression (no hidden layer, Gaussian prior, known noise) has a closed-form posterior
 * N(m, Lambda^-1) with Lambda = X'X / s^2 + I / s0^2 and m = Lambda^-1 X'y / s^2. The mean-field Gaussian that
 * maximises the ELBO has exactly the posterior means and stds 1 / sqrt(Lambda_ii); SVI must find both.
 */
class BayesianLinearRegressionTest {
    private static final int N = 200;
    private static final double NOISE = 0.5;
    private static final double PRIOR_SIGMA = 1.0;

    @ParameterizedTest
    @EnumSource(Estimator.class)
    void sviRecoversClosedFormPosterior(Estimator estimator) {
        Random r = new Random(7);
        double[][] x = new double[N][2];
        double[] y = new double[N];
        double[] xs = new double[N * 2];
        for (int i = 0; i < N; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            y[i] = 1.0 * x[i][0] - 0.5 * x[i][1] + 0.3 + NOISE * r.nextGaussian();
            xs[2 * i] = x[i][0];
            xs[2 * i + 1] = x[i][1];
        }
        // Closed form over (w1, w2, b).
        double[][] lambda = new double[3][3];
        double[] xty = new double[3];
        for (int i = 0; i < N; i++) {
            double[] f = {x[i][0], x[i][1], 1};
            for (int a = 0; a < 3; a++) {
                xty[a] += f[a] * y[i] / (NOISE * NOISE);
                for (int c = 0; c < 3; c++) lambda[a][c] += f[a] * f[c] / (NOISE * NOISE);
            }
        }
        for (int a = 0; a < 3; a++) lambda[a][a] += 1 / (PRIOR_SIGMA * PRIOR_SIGMA);
        double[] mean = solve(lambda, xty);

        ModelSpec spec = ClassicSpecs.regression("blr", 2).network(n -> n.withHidden())
                .likelihood(l -> l.withNoise(NoiseModel.FIXED, NOISE))
                .variational(v -> v.withPrior(new PriorSpec.Gaussian(0, PRIOR_SIGMA)).withEstimator(estimator)
                        .withTrainSamples(4))
                .optimiser(o -> o.withLearningRate(0.01)).variational(v -> v.withRhoInit(-3)).seed(5).build();
        BayesianNetwork net = BayesianNetwork.initialise(spec);
        Elbo elbo = new Elbo(net);
        Adam adam = new Adam(net.parameters(), 0.01, 0);
        GaussianPrior prior = GaussianPrior.isotropic(3, 0, PRIOR_SIGMA);
        ParameterVector grad = new ParameterVector(3, 0);
        GaussianSource rng = new GaussianSource(1);
        double[] ones = new double[N];
        java.util.Arrays.fill(ones, 1);
        int steps = 6000, averaged = 2000;
        double[] muAvg = new double[3], sigmaAvg = new double[3];
        for (int t = 0; t < steps; t++) {
            elbo.estimate(xs, y, ones, prior, 1.0 / N, rng, grad);
            adam.step(net.parameters(), grad, grad.norm());
            if (t >= steps - averaged) {
                for (int k = 0; k < 3; k++) {
                    muAvg[k] += net.parameters().mu[k] / averaged;
                    sigmaAvg[k] += Softplus.value(net.parameters().rho[k]) / averaged;
                }
            }
        }
        // Flat layout: weights [2 x 1] row-major, then the bias.
        for (int k = 0; k < 3; k++) {
            double exactStd = 1 / Math.sqrt(lambda[k][k]);
            assertThat(muAvg[k]).as("posterior mean %d (closed form %s, std %s)", k, mean[k], exactStd)
                    .isCloseTo(mean[k], org.assertj.core.data.Offset.offset(0.15 * exactStd));
            assertThat(sigmaAvg[k] / exactStd).as("posterior std %d: SVI %s vs closed form %s", k, sigmaAvg[k], exactStd)
                    .isBetween(0.9, 1.1);
        }
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            for (int rr = c + 1; rr < n; rr++) {
                double f = m[rr][c] / m[c][c];
                for (int k = c; k <= n; k++) m[rr][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) s -= m[i][k] * x[k];
            x[i] = s / m[i][i];
        }
        return x;
    }
}
