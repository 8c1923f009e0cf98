package io.credence.broker;

/** The embedded broker could not start; the message is one line that says why (for example, which port is taken). */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokerStartException(String message) {
        super(message);
    }

    BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
