package io.credence.cli.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a script of {@code deploy/} from the project root, as an operator would, and keeps its output.
 *
 * @param exit   the script's exit status
 * @param output its standard output and error, interleaved
 */
record DeployScript(int exit, String output) {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    /** Runs {@code command} with {@code env} added to this JVM's environment; fails the test after the timeout. */
    static DeployScript run(long timeoutSeconds, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("deploy-check", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (!done) p.destroyForcibly().waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(done).as("%s finished within %d s; output:%n%s", String.join(" ", command), timeoutSeconds, out).isTrue();
        return new DeployScript(p.exitValue(), out);
    }

    /** Whether an executable {@code tool} is on the PATH. */
    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Whether {@code command} exits 0 within 30 s (e.g. an interpreter that can import a module). */
    static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
