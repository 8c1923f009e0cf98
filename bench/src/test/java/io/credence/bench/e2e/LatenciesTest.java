package io.credence.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        double[] millis = new double[100];
        for (int i = 0; i < 100; i++) millis[i] = 100 - i; // unsorted on purpose
        Latencies l = Latencies.of(millis);
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50()).isEqualTo(50);
        assertThat(l.p99()).isEqualTo(99);
        assertThat(l.max()).isEqualTo(100);
        assertThat(millis[0]).as("input left as it was").isEqualTo(100);
    }

    @Test
    void oneObservationIsEveryPercentile() {
        Latencies l = Latencies.of(new double[] {7.5});
        assertThat(l.p50()).isEqualTo(7.5);
        assertThat(l.p99()).isEqualTo(7.5);
    }

    @Test
    void noObservationsAreNaN() {
        Latencies l = Latencies.of(new double[0]);
        assertThat(l.count()).isZero();
        assertThat(l.p99()).isNaN();
    }
}
