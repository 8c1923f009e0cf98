package io.credence.bench.drift;

import io.credence.bench.BenchCli;
import io.credence.bench.CommandRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriftCommandTest {

    private static DriftOptions options(String... args) {
        return CommandRun.parsed(DriftCommand.class, BenchCli.command("bench drift", args)).options();
    }

    @Test
    void theFullRunAndTheQuickOne() {
        assertThat(options()).isEqualTo(DriftOptions.fullRun());
        assertThat(options("--quick")).isEqualTo(DriftOptions.quickRun());
        assertThat(options("--quick").out()).isNull();
    }

    @Test
    void everyOptionIsRead() {
        DriftOptions o = options("--quick", "--records", "3200", "--change-at", "1600", "--window", "320", "--tolerance", "0.2",
                "--stationary-tolerance", "0.05", "--seeds", "2", "--seed", "5", "--settings", "eds:1000,pap:1000:2+replay:1",
                "--out", "d", "--markdown", "r.md");
        assertThat(o).isEqualTo(new DriftOptions(3200, 1600, 320, 0.2, 0.05, 2, 5,
                List.of(DriftSetting.parse("eds:1000"), DriftSetting.parse("pap:1000:2+replay:1")), Path.of("d"), Path.of("r.md")));
        DriftOptions none = options("--no-out", "--no-markdown");
        assertThat(none.out()).isNull();
        assertThat(none.markdown()).isNull();
    }

    @Test
    void theRecordedArgumentsReproduceTheOptions() {
        DriftOptions o = options("--records", "3200", "--change-at", "1600", "--window", "320", "--settings", "pap:10000:1.5,eds:10");
        assertThat(options(o.asArguments().split(" "))).isEqualTo(o);
    }

    @Test
    void badValuesAreNamedWithTheUsage() {
        assertRejected("a setting is eds:N or pap:N:TEMPERING", "--settings", "eds:1,fast");
        assertRejected("records, change-at and window must be multiples of 32", "--records", "1000");
        assertRejected("need a window before the change and one after it", "--change-at", "39936");
        assertRejected("--out=DIR, --no-out are mutually exclusive", "--out", "d", "--no-out");
        assertRejected("'many' is not an int", "--seeds", "many");
    }

    private static void assertRejected(String message, String... args) {
        CommandRun run = CommandRun.of(BenchCli.command("bench drift", args));
        assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: credence bench drift");
    }
}
