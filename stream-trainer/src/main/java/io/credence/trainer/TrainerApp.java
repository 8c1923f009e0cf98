package io.credence.trainer;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A running stream-trainer inside an existing JVM (the CLI demo, tests): {@link #start} with configuration overrides,
 * {@link #close} to stop it. Keys are those of application.yml, e.g. {@code credence.kafka.bootstrap-servers},
 * {@code credence.kafka.state-dir}, {@code credence.trainer.default-spec.features}.
 */
public final class TrainerApp implements AutoCloseable {

    /** Override key of the HTTP port; 0 picks a free port. */
    public static final String HTTP_PORT = "micronaut.server.port";

    private final ApplicationContext context;

    private TrainerApp(ApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a trainer: provisions the topics, starts Kafka Streams and the HTTP server; returns once both started.
     *
     * @param overrides configuration values overriding application.yml and the environment
     * @throws RuntimeException with the reason when start-up fails (unreachable broker, wrong topic settings...)
     */
    public static TrainerApp start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        if (Integer.valueOf(0).equals(properties.get(HTTP_PORT)) || "0".equals(properties.get(HTTP_PORT))) {
            properties.put(HTTP_PORT, -1); // Micronaut's spelling of "any free port"
        }
        return new TrainerApp(Micronaut.build(new String[0]).banner(false).mainClass(TrainerApplication.class)
                .properties(properties).start());
    }

    /** The HTTP base URL, e.g. http://localhost:8080. */
    public URI url() {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    /** The Micronaut context, for beans such as {@link io.credence.trainer.streams.TrainerStreams}. */
    public ApplicationContext context() {
        return context;
    }

    /** Stops HTTP and Kafka Streams (committing what was processed) and releases the state directory. */
    @Override
    public void close() {
        context.close();
    }
}
