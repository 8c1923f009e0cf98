package io.credence.cli.csv;

/** A CSV file that cannot be used as asked, with the line and column at fault. */
public final class CsvException extends RuntimeException {

    /** An error whose message names the place. */
    public CsvException(String message) {
        super(message);
    }
}
