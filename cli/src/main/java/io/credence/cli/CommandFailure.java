package io.credence.cli;

/** A failure the user can act on: printed as one line ({@code credence: error: ...}), never as a stack trace. */
public final class CommandFailure extends RuntimeException {

    /** A failure with a message that says what went wrong and, where possible, what to do. */
    public CommandFailure(String message) {
        super(message);
    }

    /** The same, keeping the cause for --verbose. */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
