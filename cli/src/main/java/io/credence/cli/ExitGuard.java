package io.credence.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A shutdown hook that still gives the user one clear line when the JVM is stopped in the middle of a command: by
 * Ctrl-C, or by a library that calls System.exit (Micronaut does when an application fails to start), in which case
 * the reason is the last ERROR line of the log file.
 */
final class ExitGuard {

    private ExitGuard() {}

    /** Installs the hook; {@link #remove} it when the guarded work ends normally or with an exception. */
    static Thread install(String command, Path logFile) {
        Thread hook = new Thread(() -> System.err.println(command + ": error: stopped before finishing: "
                + lastError(logFile) + " (full log: " + logFile + ")"), "exit-guard");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes the hook (the command ended in this thread and reports for itself). */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs and reports.
        }
    }

    static String lastError(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                int level = line.indexOf(" ERROR ");
                if (level >= 0) {
                    int message = line.indexOf(" - ", level);
                    return message < 0 ? line.substring(level + 7) : line.substring(message + 3);
                }
            }
            return "interrupted, or an app exited without logging an error";
        } catch (IOException e) {
            return "the log " + logFile + " cannot be read (" + e.getMessage() + ")";
        }
    }
}
