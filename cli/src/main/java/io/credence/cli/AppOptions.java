package io.credence.cli;

import io.credence.cli.console.Logging;
import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Options shared by the trainer and scorer commands, turned into the apps' configuration overrides. */
final class AppOptions {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "HTTP port of the app (0: any free port; default: the app's own, 8080 trainer, 8081 scorer).")
    Integer httpPort;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory of the Kafka Streams state stores.")
    Path stateDir;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id (consumer group).")
    String applicationId;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any key of the app's application.yml (repeatable), e.g. --set credence.topics.partitions=6.")
    List<String> settings = new ArrayList<>();

    /** The configuration overrides, in increasing precedence: connection, dedicated options, --set. */
    Map<String, Object> overrides(String httpPortKey) {
        Map<String, Object> o = new LinkedHashMap<>(kafka.appOverrides());
        if (httpPort != null) o.put(httpPortKey, httpPort);
        if (stateDir != null) o.put("credence.kafka.state-dir", stateDir.toAbsolutePath().toString());
        if (applicationId != null) o.put("credence.kafka.application-id", applicationId);
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new CommandFailure("--set must be KEY=VALUE, got \"" + s + "\"");
            o.put(s.substring(0, eq).trim(), s.substring(eq + 1));
        }
        return o;
    }

    /**
     * Runs an app with these options until Ctrl-C. Micronaut ends the JVM when an app fails to start: with a connection
     * given on the command line, it is checked first, so a wrong address is one clear line; without one the app's own
     * configuration (and environment) applies.
     *
     * @param name        the app, as the start-up line names it (e.g. stream-trainer)
     * @param httpPortKey the app's configuration key of its HTTP port
     * @param start       starts the app from its configuration overrides and returns its HTTP address
     */
    int runUntilStopped(String name, String httpPortKey, Function<Map<String, Object>, URI> start) throws InterruptedException {
        Logging.serverMode();
        if (kafka.given().isPresent()) Clients.requireBroker(kafka.clientProperties());
        URI url = start.apply(overrides(httpPortKey));
        System.out.println(name + " running against " + kafka.bootstrap() + ", HTTP at " + url + ". Press Ctrl-C to stop.");
        RunUntilStopped.awaitApp();
        return 0;
    }
}
