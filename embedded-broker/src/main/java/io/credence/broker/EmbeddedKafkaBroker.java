package io.credence.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker running in this JVM: Kafka's own {@code KafkaRaftServer} in KRaft combined
 * mode (broker and controller in one node), formatted with production feature levels, listening on localhost.
 *
 * <p>Ports are fixed when the broker is built (0 picks a free one), so {@link #restart()} keeps the same address and
 * log dir. All lifecycle methods are synchronized; {@link #close()} stops the broker and deletes a temporary log dir.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(100);

    private final int port;
    private final int controllerPort;
    private final TlsListener tls;
    private final SaslListener sasl;
    private final Path logDir;
    private final boolean logDirIsTemporary;
    private final Duration startTimeout;
    private final Map<String, String> serverProperties;

    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder builder, Path logDir, boolean logDirIsTemporary) {
        this.port = ListenerPorts.resolve(builder.port);
        this.controllerPort = ListenerPorts.resolve(0);
        this.tls = builder.tls == null ? null : builder.tls.withPort(ListenerPorts.resolve(builder.tls.port()));
        this.sasl = builder.sasl == null ? null : builder.sasl.withPort(ListenerPorts.resolve(builder.sasl.port()));
        this.logDir = logDir;
        this.logDirIsTemporary = logDirIsTemporary;
        this.startTimeout = builder.startTimeout;
        this.serverProperties = Map.copyOf(ServerProperties.of(
                logDir, port, controllerPort, tls, sasl, builder.brokerProperties));
    }

    /** Starts building a broker: plaintext port 0 (a free one), a temporary log dir, a 60 s start timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the log dir if it is new, starts the server and waits until it answers clients.
     *
     * @return this broker, running
     * @throws BrokerStartException when a port is taken, the server fails, or it is not ready within the start timeout
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("This embedded Kafka broker is closed");
        }
        if (server != null) {
            throw new IllegalStateException("The embedded Kafka broker is already running at " + bootstrapServers());
        }
        BrokerLogLevels.quietUnlessConfigured();
        allPorts().forEach(ListenerPorts::requireFree);
        long startNanos = System.nanoTime();
        try {
            StorageFormat.formatIfNew(logDir, ServerProperties.scramCredentials(sasl));
        } catch (Exception e) {
            throw new BrokerStartException("Cannot format the Kafka log dir " + logDir + ": " + e.getMessage(), e);
        }
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(serverProperties, false), Time.SYSTEM);
        try {
            starting.startup();
            awaitReady(startNanos);
        } catch (BrokerStartException e) {
            shutDownAfterFailedStart(starting, e);
            throw e;
        } catch (Exception e) { // Scala code may throw checked exceptions it does not declare
            BrokerStartException failure =
                    new BrokerStartException("The embedded Kafka broker failed to start: " + e.getMessage(), e);
            shutDownAfterFailedStart(starting, failure);
            throw failure;
        }
        server = starting;
        log.info("Embedded Kafka broker ready at {} in {} ms (log dir {})",
                bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), logDir);
        return this;
    }

    /** Shuts the broker down gracefully and waits until it has; the log dir and ports are kept for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        log.info("Embedded Kafka broker at {} stopped", bootstrapServers());
    }

    /** Stops and starts the broker again on the same ports and log dir, so all committed data survives. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the broker and deletes its log dir if it was a temporary one; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (logDirIsTemporary) {
            try {
                Utils.delete(logDir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the embedded broker's temporary log dir " + logDir, e);
            }
        }
    }

    /** Whether the broker is started and not yet stopped. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The plaintext listener's address, {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return ServerProperties.HOST + ":" + port;
    }

    /**
     * The address of the listener for {@code protocol}: PLAINTEXT always, SSL and SASL_PLAINTEXT when configured.
     *
     * @throws IllegalArgumentException when this broker has no listener for {@code protocol}
     */
    public String bootstrapServers(SecurityProtocol protocol) {
        int listenerPort = switch (protocol) {
            case PLAINTEXT -> port;
            case SSL -> tls == null ? -1 : tls.port();
            case SASL_PLAINTEXT -> sasl == null ? -1 : sasl.port();
            case SASL_SSL -> -1;
        };
        if (listenerPort < 0) {
            throw new IllegalArgumentException("This embedded Kafka broker has no " + protocol + " listener");
        }
        return ServerProperties.HOST + ":" + listenerPort;
    }

    /** The plaintext listener's port. */
    public int port() {
        return port;
    }

    /** The directory holding all partitions and the cluster metadata log. */
    public Path logDir() {
        return logDir;
    }

    private List<Integer> allPorts() {
        return Stream.of(port, controllerPort, tls == null ? null : tls.port(), sasl == null ? null : sasl.port())
                .filter(Objects::nonNull)
                .toList();
    }

    /** Polls {@code describeCluster} on the plaintext listener until this node is listed or the start timeout ends. */
    private void awaitReady(long startNanos) {
        long deadlineNanos = startNanos + startTimeout.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadlineNanos) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes()
                            .get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == ServerProperties.NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                }
                Thread.sleep(READY_POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("Interrupted while waiting for the embedded Kafka broker to start", e);
        }
        throw new BrokerStartException("The embedded Kafka broker at " + bootstrapServers() + " did not accept clients within "
                + startTimeout.toSeconds() + " s" + (lastFailure == null ? "" : ": " + lastFailure.getMessage()), lastFailure);
    }

    private static void shutDownAfterFailedStart(KafkaRaftServer starting, RuntimeException failure) {
        try {
            starting.shutdown();
            starting.awaitShutdown();
        } catch (RuntimeException shutdownFailure) {
            failure.addSuppressed(shutdownFailure);
        }
    }

    /** Settings of an {@link EmbeddedKafkaBroker}; every setting has a default suitable for tests and the demo. */
    public static final class Builder {
        private int port;
        private Path logDir;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private TlsListener tls;
        private SaslListener sasl;

        private Builder() {
        }

        /** The plaintext listener's port on localhost; 0 (the default) picks a free one. */
        public Builder port(int port) {
            ListenerPorts.requireValidPort(port);
            this.port = port;
            return this;
        }

        /**
         * A log dir to keep (created if missing; reused as is when already formatted). Without one, the broker uses a
         * new temporary directory and deletes it on {@link EmbeddedKafkaBroker#close()}.
         */
        public Builder logDir(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            return this;
        }

        /** How long {@link EmbeddedKafkaBroker#start()} may take before it fails; 60 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("Start timeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /** A Kafka server property that overrides this broker's single-node default (see {@code ServerProperties}). */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a TLS listener next to the plaintext one. */
        public Builder tlsListener(TlsListener tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Adds a SASL_PLAINTEXT listener next to the plaintext one. */
        public Builder saslListener(SaslListener sasl) {
            this.sasl = Objects.requireNonNull(sasl, "sasl");
            return this;
        }

        /** Fixes the ports (picking free ones for 0) and the log dir; the broker is not started yet. */
        public EmbeddedKafkaBroker build() {
            try {
                if (logDir == null) {
                    return new EmbeddedKafkaBroker(this, Files.createTempDirectory("credence-kafka-"), true);
                }
                return new EmbeddedKafkaBroker(this, Files.createDirectories(logDir), false);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the embedded broker's log dir", e);
            }
        }

        /** Builds and starts the broker; see {@link EmbeddedKafkaBroker#start()}. */
        public EmbeddedKafkaBroker start() {
            EmbeddedKafkaBroker broker = build();
            try {
                return broker.start();
            } catch (RuntimeException e) {
                closeAfterFailedStart(broker, e);
                throw e;
            }
        }

        private static void closeAfterFailedStart(EmbeddedKafkaBroker broker, RuntimeException failure) {
            try {
                broker.close();
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
        }
    }
}
