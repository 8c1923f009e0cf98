package io.credence.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceRunnerTest {
    static final String LINE = "{\"impl\": \"pytorch-bbb\", \"torch\": \"1.13.0a0\", \"threads\": 1, \"train_examples_per_s\": 29790.7, "
            + "\"score_examples_per_s\": 30755.9, \"test_rmse\": 0.2274, \"test_ll\": 0.0626, \"coverage_90\": 0.96, \"seed\": 0, "
            + "\"blas\": \"/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3\"}";

    @Test
    void parsesTheReferenceResultLine() {
        ReferenceResult r = ReferenceRunner.parse(LINE);
        assertThat(r.trainPerSecond()).isEqualTo(29790.7);
        assertThat(r.scorePerSecond()).isEqualTo(30755.9);
        assertThat(r.testRmse()).isEqualTo(0.2274);
        assertThat(r.testLl()).isEqualTo(0.0626);
        assertThat(r.coverage90()).isEqualTo(0.96);
        assertThat(r.threads()).isEqualTo(1);
        assertThat(r.torch()).isEqualTo("1.13.0a0");
        assertThat(r.optimisedBlas()).isTrue();
    }

    @Test
    void aReferenceOnNetlibsBlasIsRefused(@TempDir Path dir) throws Exception {
        Path script = script(dir, "netlib", "cat <<END\n" + LINE.replace("openblas-pthread", "blas") + "\nEND");
        assertThatThrownBy(() -> new ReferenceRunner(script).run(List.of()))
                .isInstanceOf(ReferenceRunner.ReferenceUnavailable.class)
                .hasMessageContaining("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3, not an optimised BLAS");
    }

    @Test
    void runsTheScriptWithItsArgumentsAndReadsTheLastLine(@TempDir Path dir) throws Exception {
        // The script reports its argument count as "threads", so the test sees that the arguments were passed.
        Path script = script(dir, "ok", "echo warming up\ncat <<END\n" + LINE.replace("\"threads\": 1", "\"threads\": $#") + "\nEND");
        ReferenceResult r = new ReferenceRunner(script).run(List.of("--threads", "1", "--seed", "7"));
        assertThat(r.threads()).isEqualTo(4);
        assertThat(r.trainPerSecond()).isEqualTo(29790.7);
    }

    @Test
    void aFailingReferenceSaysWhy(@TempDir Path dir) throws Exception {
        Path script = script(dir, "notorch", "echo 'no torch here' >&2\nexit 3");
        assertThatThrownBy(() -> new ReferenceRunner(script).run(List.of()))
                .isInstanceOf(ReferenceRunner.ReferenceUnavailable.class)
                .hasMessageContaining("exited with 3 (no python3 with torch)").hasMessageContaining("no torch here");
        Path noJson = script(dir, "nojson", "echo done");
        assertThatThrownBy(() -> new ReferenceRunner(noJson).run(List.of())).hasMessageContaining("not JSON");
    }

    @Test
    void anExplicitPathThatDoesNotExistIsNotReplacedByAGuess(@TempDir Path dir) {
        assertThat(ReferenceRunner.locate(dir.resolve("missing"))).isEmpty();
    }

    private static Path script(Path dir, String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
