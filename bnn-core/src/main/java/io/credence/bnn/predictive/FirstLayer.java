package io.credence.bnn.predictive;

import io.credence.bnn.layer.ParameterLayout;

/**
 * Layer 0 of a sample bank, by local reparameterisation: given x, each pre-activation is exactly N(m_j, v_j) with
 * m_j = b_mu_j + sum_i x_i mu_ij and v_j = b_sigma_j^2 + sum_i x_i^2 sigma_ij^2, so a row needs one mean and one
 * variance product, and each draw one scaled standard normal per unit.
 */
final class FirstLayer {
    /** [input i][unit j] weight means and variances, [unit j] bias mean and variance. */
    private final double[][] weightMean;
    private final double[][] weightVariance;
    private final double[] biasMean;
    private final double[] biasVariance;

    FirstLayer(ParameterLayout layout, double[] mu, double[] sigma) {
        int inputs = layout.fanIn(0), units = layout.fanOut(0);
        weightMean = new double[inputs][units];
        weightVariance = new double[inputs][units];
        biasMean = new double[units];
        biasVariance = new double[units];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < units; j++) {
                int p = layout.weightOffset(0) + i * units + j;
                weightMean[i][j] = mu[p];
                weightVariance[i][j] = sigma[p] * sigma[p];
            }
        }
        for (int j = 0; j < units; j++) {
            int p = layout.biasOffset(0) + j;
            biasMean[j] = mu[p];
            biasVariance[j] = sigma[p] * sigma[p];
        }
    }

    /** Heap of its arrays, bytes, with {@code headerBytes} per array. */
    long bytes(int headerBytes) {
        int inputs = weightMean.length, units = biasMean.length;
        return (long) inputs * (2L * units * Double.BYTES + 2 * headerBytes) + 2L * units * Double.BYTES;
    }

    /**
     * m_j and sqrt(v_j), rounded to float32, for row {@code row} of {@code x} ([batch, inputs], row-major), into
     * m[j][column] and sd[j][column]; {@code mean} and {@code variance} are scratch of one unit each.
     */
    void moments(double[] x, int row, double[] mean, double[] variance, float[][] m, float[][] sd, int column) {
        int inputs = weightMean.length, units = biasMean.length;
        System.arraycopy(biasMean, 0, mean, 0, units);
        System.arraycopy(biasVariance, 0, variance, 0, units);
        for (int i = 0; i < inputs; i++) {
            double xi = x[row * inputs + i], xi2 = xi * xi;
            double[] mi = weightMean[i], vi = weightVariance[i];
            for (int j = 0; j < units; j++) {
                mean[j] += xi * mi[j];
                variance[j] += xi2 * vi[j];
            }
        }
        for (int j = 0; j < units; j++) {
            m[j][column] = (float) mean[j];
            sd[j][column] = (float) Math.sqrt(variance[j]);
        }
    }
}
