package io.credence.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "broker", "topics", "trainer", "scorer", "produce", "predict", "posterior", "tail", "spec"})
    void everyCommandHasHelpWithExamples(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: credence " + command).contains("Examples:").contains("credence " + command + " ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rootHelpListsEveryCommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "broker", "trainer", "scorer", "produce", "predict", "posterior", "tail", "spec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"topics", "trainer", "scorer", "produce", "predict", "posterior", "tail", "demo"})
    void networkedCommandsTakeKafkaSecuritySettings(String command) {
        assertThat(CliRun.of(command, "--help").out()).contains("--kafka-property=KEY=VALUE", "--kafka-config=FILE", "--bootstrap");
    }

    @Test
    void badUsageIsOneLineAndAPointerToHelp() {
        CliRun run = CliRun.of("produce", "--model", "m", "--csvv", "x.csv");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("credence produce: error: ").contains("Try 'credence produce --help'")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void drawsNeedJsonLines() {
        CliRun run = CliRun.of("predict", "--model", "m", "--csv", "rows.csv", "--draws");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("credence predict: error: --draws needs --format json").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadDurationIsExplained() {
        CliRun run = CliRun.of("tail", "predictions", "--idle-timeout", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration; write e.g. 500ms, 30s, 2m or 1h");
    }
}
