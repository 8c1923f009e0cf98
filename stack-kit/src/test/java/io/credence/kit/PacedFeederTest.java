package io.credence.kit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Steps run in order on the feeder's thread; the first failure stops it and is reported. */
class PacedFeederTest {

    @Test
    void stepsRunInOrderUntilClosed() throws InterruptedException {
        List<Long> steps = new CopyOnWriteArrayList<>();
        CountDownLatch five = new CountDownLatch(5);
        try (PacedFeeder feeder = PacedFeeder.withDelay("test-feeder", Duration.ZERO, i -> {
            steps.add(i);
            five.countDown();
        })) {
            assertThat(five.await(30, TimeUnit.SECONDS)).isTrue();
        }
        long sent = steps.size();
        assertThat(steps).startsWith(0L, 1L, 2L, 3L, 4L).isSorted().doesNotHaveDuplicates();
        assertThat(steps.get(steps.size() - 1)).isEqualTo(sent - 1);
    }

    @Test
    void aFailingStepStopsTheFeederAndIsReported() throws InterruptedException {
        CountDownLatch failed = new CountDownLatch(1);
        PacedFeeder feeder = PacedFeeder.atRate("failing-feeder", 1000, i -> {
            if (i == 3) {
                failed.countDown();
                throw new IllegalArgumentException("step " + i + " refused");
            }
        });
        assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(feeder::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failing-feeder failed").hasRootCauseMessage("step 3 refused");
        assertThat(feeder.sent()).isEqualTo(3);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> PacedFeeder.atRate("f", 0, i -> { })).hasMessage("rate must be > 0, got 0.0");
    }
}
