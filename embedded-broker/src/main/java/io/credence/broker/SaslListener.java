package io.credence.broker;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An extra {@code SASL_PLAINTEXT} listener for the embedded broker, with a fixed set of users.
 *
 * <p>User names and passwords are restricted to letters, digits, '.', '_' and '-' so that they need no quoting in
 * Kafka's JAAS and SCRAM credential syntax; these are test and demo credentials, not secrets.
 *
 * @param port       the port to listen on; 0 picks a free one when the broker is built
 * @param mechanisms the mechanisms this listener offers, at least one; every user can log in with each of them
 * @param users      user name to password, at least one
 */
public record SaslListener(int port, Set<SaslMechanism> mechanisms, Map<String, String> users) {

    private static final Pattern SIMPLE_TOKEN = Pattern.compile("[A-Za-z0-9._-]+");

    /** Validates the port range, the mechanisms and every user name and password; copies both collections. */
    public SaslListener {
        ListenerPorts.requireValidPort(port);
        if (mechanisms == null || mechanisms.isEmpty()) {
            throw new IllegalArgumentException("A SASL listener needs at least one mechanism");
        }
        mechanisms = Set.copyOf(mechanisms);
        if (users == null || users.isEmpty()) {
            throw new IllegalArgumentException("A SASL listener needs at least one user");
        }
        users.forEach((user, password) -> {
            if (user == null || !SIMPLE_TOKEN.matcher(user).matches()) {
                throw new IllegalArgumentException("SASL user name must match " + SIMPLE_TOKEN + ": '" + user + "'");
            }
            if (password == null || !SIMPLE_TOKEN.matcher(password).matches()) {
                throw new IllegalArgumentException("SASL password of user '" + user + "' must match " + SIMPLE_TOKEN);
            }
        });
        users = Map.copyOf(users);
    }

    SaslListener withPort(int newPort) {
        return new SaslListener(newPort, mechanisms, users);
    }
}
