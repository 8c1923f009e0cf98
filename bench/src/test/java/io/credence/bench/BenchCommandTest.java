package io.credence.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"bench", "bench core", "bench e2e", "bench drift", "bench soak", "bench uci", "bench tune", "eval"})
    void everyCommandHasHelpWithExamples(String command) {
        CommandRun run = CommandRun.of(BenchCli.command(command, new String[] {"--help"}));
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: credence " + command).contains("Examples:").contains("credence " + command + " ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theRootListsBenchAndEval() {
        CommandRun run = CommandRun.of();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: credence", "bench", "eval");
        assertThat(CommandRun.of("bench", "--help").out()).contains("core", "e2e", "drift", "soak", "uci", "tune");
    }

    @Test
    void theSuiteTakesQuickJsonOrSoak() {
        BenchCommand suite = CommandRun.parsed(BenchCommand.class, "bench", "--quick", "--json", "f.json");
        assertThat(suite.quick).isTrue();
        assertThat(suite.json).isEqualTo(Path.of("f.json"));
        assertThat(CommandRun.parsed(BenchCommand.class, "bench", "--soak", "2.5").soak).isEqualTo(2.5);

        CommandRun both = CommandRun.of("bench", "--soak", "1", "--quick");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("--soak runs the soak alone: no --quick or --json").contains("Usage: credence bench");
        CommandRun zero = CommandRun.of("bench", "--soak", "0");
        assertThat(zero.status()).isEqualTo(2);
        assertThat(zero.err()).contains("minutes must be > 0");
        assertThat(CommandRun.of("bench", "--frobnicate").err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void theUciBenchmarkReadsItsOptions() {
        CommandRun help = CommandRun.of("bench", "uci", "--help");
        assertThat(help.out()).contains("--root=DIR", "--datasets=SET", "--splits=K", "--passes, --epochs=N", "--spec=FILE",
                "--streams", "--reference", "--json=FILE", "--markdown=FILE", "--no-markdown", "(default: 20)");
        CommandRun bad = CommandRun.of("bench", "uci", "--splits", "0", "--no-markdown");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("splits must be >= 1, got 0").contains("Usage: credence bench uci");
    }

    @Test
    void tuningRefusesAnUnknownCandidateKey() {
        CommandRun run = CommandRun.of("bench", "tune", "../shared/data/uci", "2", "kl=0.3,dropout=0.1");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown candidate key dropout").contains("Usage: credence bench tune");
        CommandRun sets = CommandRun.of("bench", "tune", "--datasets", "boston", "../shared/data/uci", "2", "kl=0.3");
        assertThat(sets.status()).isEqualTo(2);
        assertThat(sets.err()).contains("unknown data set boston");
    }
}
