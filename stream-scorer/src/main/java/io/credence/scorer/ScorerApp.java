package io.credence.scorer;

import io.credence.scorer.streams.ScorerStreams;
import io.credence.app.EmbeddedApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.exceptions.ApplicationStartupException;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A running scorer (HTTP server and Kafka Streams in one Micronaut context), started programmatically, e.g. by the
 * CLI demo or a test; {@link #close} stops it, committing Kafka Streams' work first.
 *
 * <p>Its beans only load in the {@value #ENVIRONMENT} environment, and its configuration lives in
 * {@code application-scorer.yml}, so a scorer and a trainer can run side by side in one JVM.
 */
public final class ScorerApp implements EmbeddedApp {
    /** The Micronaut environment that enables the scorer's beans and its configuration file. */
    public static final String ENVIRONMENT = "scorer";
    /** Override key of the HTTP port; 0 picks a free port. */
    public static final String HTTP_PORT = "micronaut.server.port";

    private final ApplicationContext context;

    private ScorerApp(ApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a scorer with {@code overrides} laid over application-scorer.yml (keys as in that file, e.g.
     * {@code credence.kafka.bootstrap-servers}; {@link #HTTP_PORT} 0 means a free port). Returns once the HTTP server
     * listens and Kafka Streams has started.
     *
     * @throws ApplicationStartupException with the reason when start-up fails (unreachable broker, failed
     *                                     authentication...); the JVM keeps running
     */
    public static ScorerApp start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        if (Integer.valueOf(0).equals(asInt(properties.get(HTTP_PORT)))) {
            properties.put(HTTP_PORT, -1); // Micronaut's "random port"
        }
        return new ScorerApp(configure(new Embedded()).properties(properties).start());
    }

    /** {@code micronaut} set up as the scorer: {@link #start} and {@link ScorerApplication#main} share it. */
    static ApplicationContextBuilder configure(Micronaut micronaut) {
        return micronaut.mainClass(ScorerApplication.class).environments(ENVIRONMENT).deduceEnvironment(false).banner(false);
    }

    /**
     * Waits until the scorer's Kafka Streams instance is RUNNING: partitions assigned, pending buffer restored and
     * the snapshots published so far loaded.
     *
     * @throws IllegalStateException if it does not run within {@code timeout}, or stopped or failed instead
     */
    @Override
    public void awaitRunning(Duration timeout) throws InterruptedException {
        if (!context.getBean(ScorerStreams.class).awaitRunning(timeout)) {
            throw new IllegalStateException("the scorer's Kafka Streams is not RUNNING after " + timeout + ": "
                    + context.getBean(ScorerStreams.class).state());
        }
    }

    /** The HTTP port the scorer listens on. */
    public int port() {
        return context.getBean(EmbeddedServer.class).getPort();
    }

    /** The base URL of the scorer's HTTP API and live page. */
    @Override
    public URI url() {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    /** The Micronaut context, for access to beans (e.g. the predictor cache). */
    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Micronaut that reports a failed start by throwing: plain Micronaut exits the JVM it may be embedded in. */
    private static final class Embedded extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            throw new ApplicationStartupException("stream-scorer did not start: " + exception.getMessage(), exception);
        }
    }

    private static Integer asInt(Object value) {
        if (value instanceof Number n) return n.intValue();
        if (value instanceof String s && !s.isBlank()) return Integer.valueOf(s.trim());
        return null;
    }
}
