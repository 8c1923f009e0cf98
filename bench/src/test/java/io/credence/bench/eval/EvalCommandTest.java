package io.credence.bench.eval;

import io.credence.bench.BenchCli;
import io.credence.bench.CommandRun;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.ModelSpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalCommandTest {

    private static EvalCommand command(String... args) {
        return CommandRun.parsed(EvalCommand.class, BenchCli.command("eval", args));
    }

    @Test
    void byDefaultEverySplitOncePassedThroughTheStreams() {
        EvalCommand c = command("--data", "d");
        assertThat(c.data).isEqualTo(Path.of("d"));
        assertThat(c.streams()).isTrue();
        assertThat(c.options(20)).isEqualTo(EvalOptions.defaults());
        assertThat(c.options(7).splits()).isEqualTo(7);
    }

    @Test
    void everyOptionIsRead(@TempDir Path dir) throws IOException {
        ModelSpec spec = ModelSpec.regression("uci", 3).optimiser(o -> o.withBatchSize(16)).build();
        Path file = Files.writeString(dir.resolve("spec.json"), ModelSpecJson.toJson(spec));
        EvalCommand c = command("--data", "d", "--splits", "3", "--passes", "2", "--spec", file.toString(), "--seed", "9",
                "--validation", "--json", "r.json", "--in-process");
        assertThat(c.options(20)).isEqualTo(new EvalOptions(3, 2, spec, 9, true));
        assertThat(c.json).isEqualTo(Path.of("r.json"));
        assertThat(c.streams()).isFalse();
        assertThat(command("--data", "d", "--epochs", "4").options(20).passes()).isEqualTo(4);
        assertThat(command("--data", "d", "--streams").streams()).isTrue();
    }

    @Test
    void badValuesAreNamedWithTheUsage(@TempDir Path dir) throws IOException {
        assertRejected("Missing required option: '--data=DIR'");
        assertRejected("--streams, --in-process are mutually exclusive", "--data", "d", "--streams", "--in-process");
        assertRejected("'two' is not an int", "--data", "d", "--passes", "two");
        assertRejected("--data " + dir.resolve("none") + " is not a folder", "--data", dir.resolve("none").toString());
        Path data = UciFixture.write(dir.resolve("set"), 50, 2, 1);
        assertRejected("passes must be >= 1, got 0", "--data", data.toString(), "--epochs", "0", "--in-process");
        assertThatThrownBy(() -> command("--data", "d", "--spec", dir.resolve("none.json").toString()).options(20))
                .hasMessageContaining("cannot read --spec");
    }

    private static void assertRejected(String message, String... args) {
        CommandRun run = CommandRun.of(BenchCli.command("eval", args));
        assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: credence eval");
    }

    @Test
    void theHelpDocumentsEveryOption() {
        CommandRun help = CommandRun.of("eval", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: credence eval", "--data=DIR", "--splits=K", "--passes, --epochs=N", "--spec=FILE",
                "--seed=S", "--validation", "--json=FILE", "--streams", "--in-process", "(default: 1)");
    }
}
