package io.credence.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS (mutual) and SASL_PLAINTEXT (PLAIN and SCRAM-SHA-256) listeners accept the right clients only. */
class SecureListenersIT {

    private static final String STORE_PASSWORD = "store-secret";

    @TempDir
    static Path certificates;

    private static Path keyStore;
    private static Path trustStore;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        keyStore = certificates.resolve("broker.p12");
        trustStore = certificates.resolve("trust.p12");
        Path certificate = certificates.resolve("broker.crt");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);

        broker = EmbeddedKafkaBroker.builder()
                .tlsListener(new TlsListener(0, keyStore, STORE_PASSWORD, trustStore, STORE_PASSWORD, true))
                .saslListener(new SaslListener(0, Set.of(SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_256),
                        Map.of("alice", "alice-secret")))
                .start();
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void tlsClientWithTrustedCertificateIsServed() throws Exception {
        Map<String, Object> config = tlsClient();
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keyStore.toString());
        config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, STORE_PASSWORD);

        assertThat(clusterNodes(config)).extracting(Node::port).containsExactly(tlsPort());
    }

    @Test
    void tlsClientWithoutCertificateIsRejected() {
        assertThatThrownBy(() -> clusterNodes(tlsClient()))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void saslPlainAndScramUsersAreServed() throws Exception {
        int saslPort = Integer.parseInt(broker.bootstrapServers(SecurityProtocol.SASL_PLAINTEXT).split(":")[1]);

        assertThat(clusterNodes(saslClient("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
                "alice-secret"))).extracting(Node::port).containsExactly(saslPort);
        assertThat(clusterNodes(saslClient("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
                "alice-secret"))).extracting(Node::port).containsExactly(saslPort);
    }

    @Test
    void saslWrongPasswordIsRejected() {
        assertThatThrownBy(() -> clusterNodes(saslClient("PLAIN",
                "org.apache.kafka.common.security.plain.PlainLoginModule", "wrong")))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        assertThatThrownBy(() -> clusterNodes(saslClient("SCRAM-SHA-256",
                "org.apache.kafka.common.security.scram.ScramLoginModule", "wrong")))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static int tlsPort() {
        return Integer.parseInt(broker.bootstrapServers(SecurityProtocol.SSL).split(":")[1]);
    }

    private static Map<String, Object> tlsClient() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(SecurityProtocol.SSL));
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD);
        return config;
    }

    private static Map<String, Object> saslClient(String mechanism, String loginModule, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(SecurityProtocol.SASL_PLAINTEXT));
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, mechanism);
        config.put(SaslConfigs.SASL_JAAS_CONFIG,
                loginModule + " required username=\"alice\" password=\"" + password + "\";");
        return config;
    }

    private static List<Node> clusterNodes(Map<String, Object> clientConfig) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            return List.copyOf(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS));
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
