package io.credence.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An extra TLS ({@code SSL}) listener for the embedded broker.
 *
 * <p>Both stores are PKCS12 files (keytool's default format); the key's password is the key store's password.
 *
 * @param port               the port to listen on; 0 picks a free one when the broker is built
 * @param keyStore           the broker's private key and certificate chain
 * @param keyStorePassword   password of {@code keyStore} and of the key in it
 * @param trustStore         the certificates the broker trusts (used to check client certificates)
 * @param trustStorePassword password of {@code trustStore}
 * @param clientAuthRequired whether clients must present a certificate the trust store accepts (mutual TLS)
 */
public record TlsListener(int port, Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                          boolean clientAuthRequired) {

    /** Validates the port range and that both stores exist. */
    public TlsListener {
        ListenerPorts.requireValidPort(port);
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        if (!Files.isRegularFile(keyStore)) {
            throw new IllegalArgumentException("TLS key store not found: " + keyStore);
        }
        if (!Files.isRegularFile(trustStore)) {
            throw new IllegalArgumentException("TLS trust store not found: " + trustStore);
        }
    }

    TlsListener withPort(int newPort) {
        return new TlsListener(newPort, keyStore, keyStorePassword, trustStore, trustStorePassword, clientAuthRequired);
    }
}
