package io.credence.bnn.predictive;

import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank's draws are one seeded sequence, draw s of every weight before draw s + 1, however they are laid out. */
class SampleBankTest {

    @Test
    void aBankOfMoreDrawsExtendsOneOfFewerWhateverTheirBlocks() {
        // 20 draws are one full block of SampleBank.DRAW_BLOCK and a partial one, 37 two full blocks and a partial one.
        ParameterLayout layout = new ParameterLayout(new int[] {3, 9, 7, 2});
        Random random = new Random(5);
        double[] mu = new double[layout.size()];
        double[] sigma = new double[layout.size()];
        for (int p = 0; p < layout.size(); p++) {
            mu[p] = random.nextGaussian();
            sigma[p] = 0.1 + random.nextDouble();
        }
        double[] x = {0.3, -1.2, 2.0, 1.1, 0.0, -0.4};

        double[] fewer = new SampleBank(layout, Activation.TANH, mu, sigma, 20, 99).forward(x, 2);
        double[] more = new SampleBank(layout, Activation.TANH, mu, sigma, 37, 99).forward(x, 2);

        // Outputs are indexed [s][row][output]: the first 20 draws of 37 are the 20 draws.
        assertThat(Arrays.copyOf(more, fewer.length)).containsExactly(fewer);
        assertThat(Arrays.copyOfRange(more, fewer.length, more.length)).doesNotContain(0.0);
    }
}
