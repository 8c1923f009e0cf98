package io.credence.bench.e2e;

import io.credence.bench.BenchCli;
import io.credence.bench.CommandRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SoakCommandTest {

    private static SoakOptions options(String... args) {
        return CommandRun.parsed(SoakCommand.class, BenchCli.command("bench soak", args)).options();
    }

    @Test
    void theMinutesAndTheDefaults() {
        assertThat(options("10")).isEqualTo(SoakOptions.of(10, Path.of("docs", "soak")));
    }

    @Test
    void everyOptionIsRead() {
        SoakOptions o = options("--labeled-rate", "500", "1.5", "--feature-rate", "300", "--models", "3", "--partitions", "2",
                "--heap", "512m", "--seed", "9", "--memory-slope-limit", "4", "--lag-limit", "2", "--out", "/tmp/x", "--logs", "l");
        assertThat(o).isEqualTo(new SoakOptions(1.5, 500, 300, 3, 2, "512m", 9, 4, 2, Path.of("/tmp/x"), Path.of("l")));
        assertThat(o.trainerLagLimit()).isEqualTo(1000);
        assertThat(o.scorerLagLimit()).isEqualTo(600);
    }

    @Test
    void theRecordedArgumentsReproduceTheOptions() {
        SoakOptions o = options("1.5", "--models", "3", "--out", "/tmp/x", "--seed", "9");
        assertThat(options(o.asArguments().split(" "))).isEqualTo(o);
    }

    @Test
    void badValuesAreNamedWithTheUsage() {
        assertRejected("Missing required parameter: 'MINUTES'");
        assertRejected("Missing required parameter: 'MINUTES'", "--models", "3");
        assertRejected("minutes must be > 0, got 0.0", "0");
        assertRejected("Unknown options: '--rate', '3'", "1", "--rate", "3");
        assertRejected("Missing required parameter for option '--models'", "1", "--models");
        assertRejected("rates must be > 0", "1", "--labeled-rate", "-1");
    }

    private static void assertRejected(String message, String... args) {
        CommandRun run = CommandRun.of(BenchCli.command("bench soak", args));
        assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: credence bench soak");
    }

    @Test
    void theHelpShowsEachDefault() {
        assertThat(CommandRun.of("bench", "soak", "--help").out()).contains("MINUTES", "(default: 200.0)", "(default: 2g)",
                "docs/soak)", "--memory-slope-limit=MIB_PER_MIN", "--lag-limit=SECONDS");
    }
}
