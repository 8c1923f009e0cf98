package io.credence.system.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the JDK's keytool: a CA, a broker certificate for localhost and a client certificate,
 * both signed by the CA, and one trust store holding only the CA. All stores are PKCS12; each key's password is its
 * store's.
 *
 * @param brokerKeyStore   the broker's key and CA-signed certificate chain (SAN localhost, 127.0.0.1)
 * @param clientKeyStore   the client's key and CA-signed certificate chain, for mutual TLS
 * @param trustStore       the CA certificate alone: trusting it is what makes either side accept the other
 * @param brokerPassword   password of the broker's key store
 * @param clientPassword   password of the client's key store and of the trust store
 */
record Certificates(Path brokerKeyStore, Path clientKeyStore, Path trustStore, String brokerPassword, String clientPassword) {

    private static final String KEY = "-keyalg EC -groupname secp256r1 -validity 2 -storetype PKCS12";

    /** Generates the CA and both certificates into {@code dir} (about ten keytool runs). */
    static Certificates generate(Path dir, String brokerPassword, String clientPassword) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path caStore = dir.resolve("ca.p12");
        Path caCert = dir.resolve("ca.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair -alias ca -dname CN=credence-test-ca -ext bc:c " + KEY, caStore, clientPassword);
        keytool("-exportcert -rfc -alias ca -file " + caCert, caStore, clientPassword);
        keytool("-importcert -noprompt -alias ca -file " + caCert + " -storetype PKCS12", trustStore, clientPassword);
        Path broker = signed(dir, "broker", "CN=localhost", "-ext SAN=dns:localhost,ip:127.0.0.1", brokerPassword, caStore, caCert, clientPassword);
        Path client = signed(dir, "client", "CN=credence-client", "", clientPassword, caStore, caCert, clientPassword);
        return new Certificates(broker, client, trustStore, brokerPassword, clientPassword);
    }

    /** A key store holding a new key for {@code name} and its certificate signed by the CA, chain included. */
    private static Path signed(Path dir, String name, String dname, String extensions, String password,
                               Path caStore, Path caCert, String caPassword) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".crt");
        keytool("-genkeypair -alias " + name + " -dname " + dname + " " + KEY, store, password);
        keytool("-certreq -alias " + name + " -file " + request, store, password);
        keytool("-gencert -rfc -alias ca -infile " + request + " -outfile " + certificate + " -validity 2 " + extensions,
                caStore, caPassword);
        keytool("-importcert -noprompt -alias ca -file " + caCert, store, password);
        keytool("-importcert -alias " + name + " -file " + certificate, store, password);
        return store;
    }

    /** Runs keytool with {@code arguments} (no value contains a space) on {@code store}. */
    private static void keytool(String arguments, Path store, String password) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments.trim().split(" +")));
        command.addAll(List.of("-keystore", store.toString(), "-storepass", password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments + " failed: " + output);
        }
    }
}
