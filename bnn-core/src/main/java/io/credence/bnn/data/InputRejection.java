package io.credence.bnn.data;

/** An input example refused by {@link InputCheck}: the error class and a reason a person can act on. */
public record InputRejection(InputError error, String reason) {
}
