package io.credence.bnn.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Welford merging in batches equals the two-pass mean and population std. */
class StandardizerTest {
    @Test
    void batchedWelfordMatchesTwoPass() {
        Random r = new Random(2);
        double[][] rows = new double[1000][2];
        for (double[] row : rows) {
            row[0] = 1e6 + r.nextGaussian();
            row[1] = -3 + 10 * r.nextDouble();
        }
        Standardizer s = new Standardizer(StandardizerState.empty(2));
        for (int i = 0; i < rows.length; i += 37) s.update(java.util.Arrays.copyOfRange(rows, i, Math.min(rows.length, i + 37)));
        for (int j = 0; j < 2; j++) {
            double mean = 0, var = 0;
            for (double[] row : rows) mean += row[j] / rows.length;
            for (double[] row : rows) var += (row[j] - mean) * (row[j] - mean) / rows.length;
            assertThat(s.mean(j)).isCloseTo(mean, within(1e-9 * Math.abs(mean) + 1e-12));
            assertThat(s.std(j)).isCloseTo(Math.sqrt(var), within(1e-9));
        }
        assertThat(s.count()).isEqualTo(1000);
        Standardizer copy = new Standardizer(s.state());
        assertThat(copy.transform(rows[5])).containsExactly(s.transform(rows[5]));
    }

    @Test
    void constantColumnAndEmptyStateUseUnitScale() {
        Standardizer s = new Standardizer(StandardizerState.empty(1));
        assertThat(s.transform(new double[] {4})).containsExactly(4.0);
        s.update(new double[] {7, 7, 7});
        assertThat(s.transform(new double[] {8})).containsExactly(1.0);
    }
}
