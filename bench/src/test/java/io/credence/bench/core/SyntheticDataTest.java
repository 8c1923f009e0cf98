package io.credence.bench.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticDataTest {

    @Test
    void followsTheReferenceRecipe() {
        SyntheticData d = SyntheticData.generate(20_000, 13, 11);
        assertThat(d.trainX()).hasNumberOfRows(18_000);
        assertThat(d.testX()).hasNumberOfRows(2_000);
        assertThat(d.features()).isEqualTo(13);
        // Residual of y = sin(x0) + 0.5 x1 + 0.1 eps has mean 0 and std 0.1; the inputs are standard normal.
        double sum = 0, sq = 0, x2 = 0;
        for (int i = 0; i < d.trainY().length; i++) {
            double r = d.trainY()[i] - Math.sin(d.trainX()[i][0]) - 0.5 * d.trainX()[i][1];
            sum += r;
            sq += r * r;
            x2 += d.trainX()[i][12] * d.trainX()[i][12];
        }
        int n = d.trainY().length;
        assertThat(sum / n).isCloseTo(0, within(0.005));
        assertThat(Math.sqrt(sq / n)).isCloseTo(0.1, within(0.003));
        assertThat(x2 / n).isCloseTo(1.0, within(0.05));
    }

    @Test
    void theSeedFixesTheRows() {
        assertThat(SyntheticData.generate(3000, 4, 5).testY()).isEqualTo(SyntheticData.generate(3000, 4, 5).testY());
        assertThat(SyntheticData.generate(3000, 4, 5).testY()).isNotEqualTo(SyntheticData.generate(3000, 4, 6).testY());
    }
}
