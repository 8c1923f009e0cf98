package io.credence.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A child JVM gets its configuration by the channel asked for, lists comma-joined. */
class ChildAppTest {
    private static final Map<String, Object> CONFIG = Map.of("credence.echo.value", List.of(8, 4));

    @TempDir
    Path dir;

    @Test
    void argumentsAreSortedMicronautOptions() {
        assertThat(ChildApp.arguments(Map.of("b.key", 2, "a.key", "x", "c.key", List.of(1, 2))))
                .containsExactly("-a.key=x", "-b.key=2", "-c.key=1,2");
        assertThat(ChildApp.environmentName("credence.kafka.bootstrap-servers")).isEqualTo("CREDENCE_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void eachChannelReachesTheChild() throws InterruptedException {
        assertThat(run(ChildApp.Channel.ARGUMENTS)).contains("arguments -credence.echo.value=8,4", "property null", "environment null");
        assertThat(run(ChildApp.Channel.SYSTEM_PROPERTIES)).contains("arguments \n", "property 8,4", "environment null");
        assertThat(run(ChildApp.Channel.ENVIRONMENT)).contains("property null", "environment 8,4");
    }

    @Test
    void aChildWithoutAPortHasNoUrl() throws InterruptedException {
        try (ChildApp child = ChildApp.of("echo", Echo.class.getName()).log(dir.resolve("no-port.log")).start()) {
            assertThatThrownBy(child::url).hasMessageContaining("without a known HTTP port");
            awaitExit(child);
        }
    }

    /** Runs {@link Echo} with {@link #CONFIG} by {@code channel}; returns its output. */
    private String run(ChildApp.Channel channel) throws InterruptedException {
        try (ChildApp child = ChildApp.of("echo", Echo.class.getName()).config(CONFIG, channel)
                .log(dir.resolve(channel + ".log")).start()) {
            awaitExit(child);
            assertThatThrownBy(child::requireAlive).hasMessageContaining("echo exited with status 0");
            return child.logTail() + "\n";
        }
    }

    private static void awaitExit(ChildApp child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (child.isAlive()) {
            assertThat(System.nanoTime()).as("the child exits within 60 s").isLessThan(deadline);
            Thread.sleep(50); // polling pace; the process's exit decides
        }
    }
}
