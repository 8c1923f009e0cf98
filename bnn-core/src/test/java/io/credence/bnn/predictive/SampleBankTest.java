package io.credence.bnn.predictive;

import io.credence.bnn.layer.DenseKernel;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bank's draws are one seeded sequence, and a row's outputs do not depend on its batch or on the kernel. */
class SampleBankTest {

    @Test
    void aBankOfMoreDrawsExtendsOneOfFewer() {
        ParameterLayout layout = new ParameterLayout(new int[] {3, 9, 7, 2});
        Random random = new Random(5);
        double[] mu = random.doubles(layout.size()).map(v -> 2 * v - 1).toArray();
        double[] sigma = random.doubles(layout.size()).map(v -> 0.1 + v).toArray();
        double[] x = {0.3, -1.2, 2.0, 1.1, 0.0, -0.4};

        double[] fewer = new SampleBank(layout, Activation.TANH, mu, sigma, 20, 99).forward(x, 2);
        double[] more = new SampleBank(layout, Activation.TANH, mu, sigma, 37, 99).forward(x, 2);

        // Outputs are indexed [row][s][output]: each row's first 20 draws of 37 are its 20 draws.
        for (int row = 0; row < 2; row++) {
            assertThat(Arrays.copyOfRange(more, row * 37 * 2, row * 37 * 2 + 20 * 2))
                    .containsExactly(Arrays.copyOfRange(fewer, row * 20 * 2, (row + 1) * 20 * 2));
            assertThat(Arrays.copyOfRange(more, row * 37 * 2 + 20 * 2, (row + 1) * 37 * 2)).doesNotContain(0.0);
        }
    }

    @Test
    void everyKernelAndBatchGivesBitIdenticalOutputs() {
        // Widths off the vector lanes (30, 20, 10, 3) and a batch off the row block and the kernel's 4-row tiles.
        ParameterLayout layout = new ParameterLayout(new int[] {4, 30, 20, 10, 3});
        Random random = new Random(9);
        double[] mu = random.doubles(layout.size()).map(v -> v - 0.5).toArray();
        double[] sigma = random.doubles(layout.size()).map(v -> 0.05 + 0.2 * v).toArray();
        int batch = 70;
        double[] x = random.doubles(batch * 4).map(v -> 4 * v - 2).toArray();
        assertThat(DenseKernel.best().lanes()).as("the tests run with the Vector API's module").isGreaterThan(1);
        for (Activation activation : Activation.values()) {
            for (int samples : new int[] {1, 10, 100}) {
                double[] plain = new SampleBank(layout, activation, mu, sigma, samples, 3, DenseKernel.plain()).forward(x, batch);
                double[] vector = new SampleBank(layout, activation, mu, sigma, samples, 3, DenseKernel.best()).forward(x, batch);
                assertThat(vector).as("%s, %d draws", activation, samples).containsExactly(plain);
                for (int row : new int[] {0, 5, 33, 69}) {
                    double[] alone = new SampleBank(layout, activation, mu, sigma, samples, 3)
                            .forward(Arrays.copyOfRange(x, row * 4, row * 4 + 4), 1);
                    assertThat(alone).as("row %d alone", row)
                            .containsExactly(Arrays.copyOfRange(plain, row * samples * 3, (row + 1) * samples * 3));
                }
            }
        }
    }

    @Test
    void aDrawIsTheNetworkOfItsWeights() {
        // One hidden layer: with sigma = 0 every draw is the mean network, computed here by hand in double.
        ParameterLayout layout = new ParameterLayout(new int[] {2, 3, 1});
        double[] mu = new Random(2).doubles(layout.size()).map(v -> 2 * v - 1).toArray();
        double[] sigma = new double[layout.size()];
        double[] x = {0.7, -1.5};
        double expected = mu[layout.biasOffset(1)];
        for (int j = 0; j < 3; j++) {
            double pre = mu[layout.biasOffset(0) + j];
            for (int i = 0; i < 2; i++) pre += x[i] * mu[layout.weightOffset(0) + i * 3 + j];
            expected += Math.max(pre, 0) * mu[layout.weightOffset(1) + j];
        }
        for (DenseKernel kernel : new DenseKernel[] {DenseKernel.plain(), DenseKernel.best()}) {
            double[] out = new SampleBank(layout, Activation.RELU, mu, sigma, 4, 1, kernel).forward(x, 1);
            for (double v : out) assertThat(v).as(kernel.description()).isCloseTo(expected, within(1e-5));
        }
    }
}
