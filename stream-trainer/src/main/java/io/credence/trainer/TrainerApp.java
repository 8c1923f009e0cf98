package io.credence.trainer;

import io.credence.trainer.streams.TrainerStreams;
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
 * A running stream-trainer inside an existing JVM (the CLI demo, tests): {@link #start} with configuration overrides,
 * {@link #close} to stop it. Keys are those of application-trainer.yml, e.g. {@code credence.kafka.bootstrap-servers},
 * {@code credence.kafka.state-dir}, {@code credence.trainer.default-spec.features}.
 *
 * <p>Its beans only load in the {@value #ENVIRONMENT} environment, and its configuration lives in
 * {@code application-trainer.yml}, so a trainer and a scorer can run side by side in one JVM.
 */
public final class TrainerApp implements EmbeddedApp {

    /** The Micronaut environment that enables the trainer's beans and its configuration file. */
    public static final String ENVIRONMENT = "trainer";

    /** Override key of the HTTP port; 0 picks a free port. */
    public static final String HTTP_PORT = "micronaut.server.port";

    private final ApplicationContext context;

    private TrainerApp(ApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a trainer: the HTTP server, then the topics (created or checked) and Kafka Streams. Returns once Kafka
     * Streams is started; it may still be rebalancing or restoring state (GET /health reports RUNNING when it trains).
     *
     * @param overrides configuration values overriding application-trainer.yml and the environment
     * @throws ApplicationStartupException with the reason when start-up fails (unreachable broker, wrong topic
     *                                     settings...); the JVM keeps running
     */
    public static TrainerApp start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        if ("0".equals(String.valueOf(properties.get(HTTP_PORT)))) {
            properties.put(HTTP_PORT, -1); // Micronaut's spelling of "any free port"
        }
        return new TrainerApp(configure(new Embedded()).properties(properties).start());
    }

    /** {@code micronaut} set up as the trainer: {@link #start} and {@link TrainerApplication#main} share it. */
    static ApplicationContextBuilder configure(Micronaut micronaut) {
        return micronaut.mainClass(TrainerApplication.class).environments(ENVIRONMENT).deduceEnvironment(false).banner(false);
    }

    /**
     * Waits until Kafka Streams is RUNNING: partitions assigned and the models' state restored.
     *
     * @throws IllegalStateException if it is not RUNNING within {@code timeout}, or stopped or failed instead
     */
    @Override
    public void awaitRunning(Duration timeout) throws InterruptedException {
        TrainerStreams streams = context.getBean(TrainerStreams.class);
        if (!streams.awaitRunning(timeout)) {
            throw new IllegalStateException("the trainer's Kafka Streams is not RUNNING after " + timeout + ": " + streams.state());
        }
    }

    /** The HTTP port the trainer listens on. */
    public int port() {
        return context.getBean(EmbeddedServer.class).getPort();
    }

    /** The HTTP base URL, e.g. http://localhost:8080. */
    @Override
    public URI url() {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    /** Micronaut that reports a failed start by throwing: plain Micronaut exits the JVM it may be embedded in. */
    private static final class Embedded extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            throw new ApplicationStartupException("stream-trainer did not start: " + exception.getMessage(), exception);
        }
    }

    /** Stops HTTP and Kafka Streams (committing what was processed) and releases the state directory. */
    @Override
    public void close() {
        context.close();
    }
}
