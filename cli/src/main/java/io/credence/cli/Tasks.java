package io.credence.cli;

import io.credence.bnn.spec.Task;

import java.util.Locale;

/** The task names the CLI accepts (regression, classification, in any case). */
final class Tasks {

    private Tasks() {}

    /** The task named {@code name}, or a {@link CommandFailure} listing the choices. */
    static Task parse(String name) {
        try {
            return Task.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("--task must be regression or classification, got \"" + name + "\"");
        }
    }
}
