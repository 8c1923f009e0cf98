package io.credence.bench.e2e;

import io.credence.bench.BenchCli;
import io.credence.bench.CommandRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class E2eCommandTest {

    private static E2eOptions options(String... args) {
        return CommandRun.parsed(E2eCommand.class, BenchCli.command("bench e2e", args)).options();
    }

    @Test
    void withoutOptionsTheFullRun() {
        assertThat(options()).isEqualTo(E2eOptions.fullRun());
        assertThat(options().parts()).isEqualTo(EnumSet.complementOf(EnumSet.of(E2ePart.REGISTRY)));
    }

    @Test
    void quickIsSmallAndRunsOnlyTheHeadlinesAndLatency() {
        E2eOptions q = options("--quick");
        assertThat(q).isEqualTo(E2eOptions.quickRun());
        assertThat(q.parts()).containsExactlyInAnyOrder(E2ePart.TRAINER, E2ePart.SCORER, E2ePart.LATENCY);
        assertThat(q.warmup()).isFalse();
        assertThat(q.markdown()).isNull();
    }

    @Test
    void everyOptionIsRead() {
        E2eOptions o = options("--quick", "--only", "trainer,MODELS", "--seed", "7", "--repetitions", "2", "--warmup",
                "--trainer-records", "11", "--scorer-records", "12", "--sweep-records", "13", "--batches", "16,64",
                "--guarantees", "eos,at_least_once", "--samples", "1,5", "--score-batch", "8", "--models", "1,1000",
                "--hidden", "7,9", "--parallelism", "1x1,6x2", "--partitions", "4", "--requests", "50", "--swaps", "2",
                "--timeout", "30", "--reference", "/r/ref", "--json", "f.json", "--markdown", "r.md", "--logs", "l",
                "--registry-url", "http://registry:8081");
        assertThat(o).isEqualTo(new E2eOptions(true, 7, 2, true, 11, 12, 13, List.of(16, 64),
                List.of(Guarantee.EXACTLY_ONCE, Guarantee.AT_LEAST_ONCE), List.of(1, 5), 8, List.of(1, 1000), List.of(7, 9),
                List.of(new E2eOptions.Parallelism(1, 1), new E2eOptions.Parallelism(6, 2)), 4, 50, 2,
                Set.of(E2ePart.TRAINER, E2ePart.MODELS), Duration.ofSeconds(30), Path.of("/r/ref"), Path.of("f.json"),
                Path.of("r.md"), Path.of("l"), "http://registry:8081"));
        assertThat(options("--no-warmup").warmup()).isFalse();
        assertThat(options("--no-markdown").markdown()).isNull();
    }

    @Test
    void theRegistryPartRunsAloneIntoItsOwnSection() {
        E2eOptions alone = options("--only", "registry", "--registry-url", "http://registry:8081");
        assertThat(alone.registryOnly()).isTrue();
        assertThat(alone.asArguments()).contains("--only registry", "--registry-url http://registry:8081");
        assertThat(options("--only", "registry,trainer").registryOnly()).isFalse();
    }

    @Test
    void theRecordedArgumentsReproduceTheOptions() {
        E2eOptions o = options("--only", "scorer,hidden", "--samples", "10,100,1000", "--score-batch", "128", "--requests", "99",
                "--no-warmup", "--registry-url", "http://r:1");
        assertThat(options(o.asArguments().split(" "))).isEqualTo(o);
        E2eOptions q = options("--quick", "--swaps", "4");
        assertThat(options(q.asArguments().split(" ")).asArguments()).isEqualTo(q.asArguments());
    }

    @Test
    void badValuesAreNamedWithTheUsage() {
        assertThat(CommandRun.of("bench", "e2e", "--frobnicate").err()).contains("Unknown option: '--frobnicate'");
        assertRejected("unknown part everything, expected one of [trainer, scorer", "--only", "everything");
        assertRejected("parallelism is PARTITIONSxTHREADS", "--parallelism", "3");
        assertRejected("Missing required parameter for option '--models'", "--models");
        assertRejected("unknown processing guarantee maybe", "--guarantees", "maybe");
        assertRejected("'x' is not an int", "--batches", "32,x");
        assertRejected("repetitions must be >= 1, got 0", "--repetitions", "0");
        assertRejected("score batch, partitions, requests and swaps must be >= 1", "--requests", "0");
    }

    private static void assertRejected(String message, String... args) {
        CommandRun run = CommandRun.of(BenchCli.command("bench e2e", args));
        assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: credence bench e2e");
    }

    @Test
    void theHelpDocumentsEveryOptionAndBothRunsDefaults() {
        CommandRun help = CommandRun.of("bench", "e2e", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: credence bench e2e", "--only=PART", "--hidden=H", "--models=M", "--batches=B",
                "--guarantees=G", "--samples=S", "--repetitions=R", "--reference=SCRIPT", "--json=FILE", "--markdown=FILE",
                "--no-markdown", "--seed=S", "--[no-]warmup", "--trainer-records=N", "--scorer-records=N", "--sweep-records=N",
                "--score-batch=B", "--parallelism=PxT", "--partitions=P", "--requests=N", "--swaps=N", "--timeout=SECONDS",
                "--logs=DIR", "--registry-url=URL", "--quick", "Defaults:", "--trainer-records 2048000", "With --quick:",
                "--trainer-records 10240");
    }
}
