package io.credence.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoreCommandTest {

    private static BenchOptions options(String... args) {
        return CommandRun.parsed(CoreCommand.class, BenchCli.command("bench core", args)).options();
    }

    @Test
    void theFullRunReportsIntoDocs() {
        assertThat(options()).isEqualTo(BenchOptions.defaults());
        assertThat(options().markdown()).isEqualTo(Path.of("docs", "benchmarks.md"));
        assertThat(options().twoThreadReference()).isTrue();
    }

    @Test
    void quickIsShortAndWritesNoReportUnlessAsked() {
        BenchOptions o = options("--quick", "--json", "out.json");
        assertThat(o.quick()).isTrue();
        assertThat(o.repetitions()).isEqualTo(1);
        assertThat(o.twoThreadReference()).isFalse();
        assertThat(o.json()).isEqualTo(Path.of("out.json"));
        assertThat(o.markdown()).isNull();
        assertThat(options("--quick", "--markdown", "q.md").markdown()).isEqualTo(Path.of("q.md"));
    }

    @Test
    void everyOptionIsRead() {
        BenchOptions o = options("--repetitions", "5", "--rows", "60000", "--seed", "3", "--reference", "/x/ref", "--json", "f.json",
                "--no-markdown");
        assertThat(o).isEqualTo(new BenchOptions(false, 5, 60_000, 3, true, Path.of("/x/ref"), Path.of("f.json"), null));
    }

    @Test
    void badValuesExitWithTwoAndTheUsage() {
        CommandRun missing = CommandRun.of("bench", "core", "--rows");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter for option '--rows'").contains("Usage: credence bench core");

        CommandRun small = CommandRun.of("bench", "core", "--rows", "10");
        assertThat(small.status()).isEqualTo(2);
        assertThat(small.err()).contains("rows must be >= 2048").contains("Usage: credence bench core");

        assertThat(CommandRun.of("bench", "core", "--seed", "x").err()).contains("'x' is not a long");
        assertThatThrownBy(() -> options("--markdown", "a.md", "--no-markdown")).hasMessageContaining("exclude each other");
    }

    @Test
    void theHelpListsTheDefaultsOfBothRuns() {
        CommandRun help = CommandRun.of("bench", "core", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: credence bench core", "--repetitions=R", "--rows=N", "--seed=S", "--reference=SCRIPT",
                "--json=FILE", "--markdown=FILE", "--no-markdown", "--quick")
                .contains("Defaults:%n  %s".formatted(BenchOptions.defaults().asArguments()).replace("%n", System.lineSeparator()))
                .contains(BenchOptions.quickRun().asArguments());
    }
}
