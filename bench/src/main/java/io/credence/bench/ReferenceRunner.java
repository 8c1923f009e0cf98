package io.credence.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch Bayes-by-Backprop reference ({@code shared/bench/reference}) as a child process and parses the one
 * JSON line it prints. Found at an explicit path, at {@code $CREDENCE_REFERENCE}, or at {@code ../shared/bench/reference}
 * or {@code shared/bench/reference} from the working directory.
 */
public final class ReferenceRunner {
    /** Exit status of the reference script when no python3 with torch is installed. */
    public static final int NO_TORCH = 3;
    private static final long TIMEOUT_MINUTES = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path script;

    public ReferenceRunner(Path script) {
        this.script = script;
    }

    /** The reference at {@code explicit} if given, else the first conventional location that exists. */
    public static Optional<ReferenceRunner> locate(Path explicit) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
        } else {
            String env = System.getenv("CREDENCE_REFERENCE");
            if (env != null && !env.isBlank()) candidates.add(Path.of(env));
            candidates.add(Path.of("..", "shared", "bench", "reference"));
            candidates.add(Path.of("shared", "bench", "reference"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(p -> new ReferenceRunner(p.toAbsolutePath().normalize()));
    }

    public Path script() { return script; }

    /**
     * The command line that {@link #run} executes with {@code args}, for the record: the script's path relative to the
     * working directory (the project root when run from there), so reports name no path of the machine that ran them.
     */
    public String commandLine(List<String> args) {
        Path here = Path.of("").toAbsolutePath();
        Path shown = script.isAbsolute() && script.getRoot().equals(here.getRoot()) ? here.relativize(script) : script;
        return shown + " " + String.join(" ", args);
    }

    /**
     * Runs the reference with {@code args} and returns its result.
     *
     * @throws ReferenceUnavailable when it exits with an error (e.g. {@value #NO_TORCH}: no torch) or prints no JSON
     */
    public ReferenceResult run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            String stdout = drain(process.getInputStream());
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ReferenceUnavailable("reference timed out after " + TIMEOUT_MINUTES + " min: " + String.join(" ", command));
            }
            int status = process.exitValue();
            if (status != 0) {
                throw new ReferenceUnavailable("reference exited with " + status + (status == NO_TORCH ? " (no python3 with torch)" : "")
                        + ": " + String.join(" ", command) + "\n" + stderr.join().strip());
            }
            ReferenceResult result = parse(lastLine(stdout));
            if (!result.optimisedBlas()) {
                throw new ReferenceUnavailable("the reference ran on " + result.blas() + ", not an optimised BLAS: torch's "
                        + "matrix products would run several times slower than any user's (apt-get install libopenblas0-pthread)");
            }
            return result;
        } catch (IOException e) {
            throw new ReferenceUnavailable("cannot run the reference " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReferenceUnavailable("interrupted while running the reference");
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    static ReferenceResult parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.has("train_examples_per_s")) {
                throw new ReferenceUnavailable("reference printed no result line, last line: " + line);
            }
            return new ReferenceResult(n.get("train_examples_per_s").asDouble(), n.get("score_examples_per_s").asDouble(),
                    n.get("test_rmse").asDouble(), n.get("test_ll").asDouble(), n.get("coverage_90").asDouble(),
                    n.get("threads").asInt(), n.get("torch").asText(), n.path("blas").asText("unknown"), line);
        } catch (IOException e) {
            throw new ReferenceUnavailable("reference output is not JSON: " + line);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference could not be run or gave no result. */
    public static final class ReferenceUnavailable extends RuntimeException {
        public ReferenceUnavailable(String message) {
            super(message);
        }
    }
}
