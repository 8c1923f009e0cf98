package io.credence.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * stream-trainer's main class in a child JVM, configured only through environment variables (as a container would
 * be), so a test can kill it hard.
 */
final class ForkedTrainer implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ForkedTrainer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@link TrainerApplication} with {@code config} keys turned into environment variables; output to {@code log}. */
    static ForkedTrainer start(Map<String, Object> config, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        for (String property : List.of("org.bytedeco.javacpp.maxphysicalbytes", "org.bytedeco.javacpp.cachedir")) {
            if (System.getProperty(property) != null) command.add("-D" + property + "=" + System.getProperty(property));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainerApplication.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        config.forEach((key, value) -> builder.environment().put(environmentName(key), environmentValue(value)));
        return new ForkedTrainer(builder.start(), log);
    }

    /** credence.kafka.bootstrap-servers -> CREDENCE_KAFKA_BOOTSTRAP_SERVERS. */
    static String environmentName(String key) {
        return key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private static String environmentValue(Object value) {
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the child's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no leave-group; waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
