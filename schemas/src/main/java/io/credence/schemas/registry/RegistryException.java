package io.credence.schemas.registry;

/**
 * A schema registry request that failed: refused (an HTTP error with Confluent's {@code error_code}) or not answered
 * (unreachable, timed out, an unreadable reply), after retries where retrying could help.
 */
public final class RegistryException extends RuntimeException {

    /** Confluent's error code of a schema id that is not in the registry. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent's error code of a subject that does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code of a schema refused as incompatible with the subject's earlier versions. */
    public static final int INCOMPATIBLE = 409;

    private final int status;
    private final int errorCode;

    RegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    /** The HTTP status, or 0 when the registry did not answer. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} (e.g. {@link #SCHEMA_NOT_FOUND}), or the HTTP status when the body had none, or 0. */
    public int errorCode() {
        return errorCode;
    }
}
