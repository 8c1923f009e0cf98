package io.credence.cli.deploy;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment artefacts, checked the way an operator would use them: the compose file validates (every variable,
 * every profile), the Jib image configuration builds to a tar, and the Node.js client gets predictions back from the
 * real apps on an embedded broker. Each check runs its script from {@code deploy/}; a check whose tool is missing
 * (docker-compose, node) is skipped with the reason, and .ci/run installs the tools.
 */
class DeployChecksIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private record Result(int exit, String output) {}

    private static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("deploy-check", ".log");
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (!done) p.destroyForcibly().waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(done).as("%s finished within %d s; output:%n%s", String.join(" ", command), timeoutSeconds, out).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    @Test
    void composeFileIsValidWithAndWithoutTheDemoProfile() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install -y docker-compose)");
        Result r = run(120, "deploy/check-compose.sh");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("is valid (services: demo kafka stream-scorer stream-trainer topics");
    }

    @Test
    void imageBuildsToATar() throws Exception {
        Result r = run(480, "deploy/check-images.sh");
        assertThat(r.exit()).as(r.output()).isZero();
        // Either the runnable image (registry reachable) or, offline, the same configuration on scratch.
        assertThat(Files.exists(ROOT.resolve("cli/target/credence-image.tar"))
                || Files.exists(ROOT.resolve("cli/target/credence-image-scratch.tar"))).as(r.output()).isTrue();
    }

    @Test
    void nodeClientGetsPredictionsBack() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "Node.js and npm are not installed");
        Result r = run(420, "deploy/examples/node/run-against-embedded.sh");
        assertThat(r.exit()).as(r.output()).isZero();
    }
}
