package io.credence.bnn.layer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's product against a double-precision sum written out here, and the Vector API kernel against the plain
 * one bit for bit, at the shapes training gives it: row counts past one 64-row block and off the vector lanes, inputs
 * and units off the 4-unit tiles.
 */
class DenseKernelTest {

    @ParameterizedTest(name = "{0} rows, {1} inputs, {2} units")
    @CsvSource({"1, 13, 50", "37, 5, 3", "64, 50, 50", "200, 37, 11", "256, 512, 9"})
    void everyKernelComputesTheSameProduct(int rows, int fanIn, int units) {
        Random random = new Random(rows * 31L + fanIn);
        DenseKernel vector = DenseKernel.best(), plain = DenseKernel.plain();
        assertThat(vector.lanes()).as("the tests run with the Vector API's module").isGreaterThan(1);
        int span = vector.span(rows);
        float[][] h = new float[fanIn][span];
        for (float[] row : h) for (int r = 0; r < span; r++) row[r] = (float) random.nextGaussian();
        float[][] w = new float[units][fanIn];
        for (float[] row : w) for (int i = 0; i < fanIn; i++) row[i] = (float) (0.1 * random.nextGaussian());
        float[] b = new float[units];
        for (int j = 0; j < units; j++) b[j] = (float) random.nextGaussian();
        for (boolean relu : new boolean[] {false, true}) {
            float[][] zVector = new float[units][span], zPlain = new float[units][span];
            vector.apply(h, rows, fanIn, w, b, relu, zVector);
            plain.apply(h, rows, fanIn, w, b, relu, zPlain);
            for (int j = 0; j < units; j++) {
                for (int r = 0; r < rows; r++) {
                    double exact = b[j];
                    for (int i = 0; i < fanIn; i++) exact += (double) w[j][i] * h[i][r];
                    if (relu) exact = Math.max(exact, 0);
                    assertThat(zVector[j][r]).as("z[%d][%d], relu %s", j, r, relu).isEqualTo(zPlain[j][r]);
                    assertThat((double) zVector[j][r]).as("z[%d][%d] against double", j, r)
                            .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.sqrt(fanIn))));
                }
            }
        }
    }
}
