package io.credence.cli;

import io.credence.broker.EmbeddedKafkaBroker;
import io.credence.cli.console.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code credence broker}: a real single-node KRaft Kafka broker in this JVM until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        header = "Runs a single-node Kafka broker (KRaft) in this JVM until Ctrl-C.",
        description = "Runs a single-node Kafka broker (KRaft, Apache Kafka's own server, no Docker) until Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {"  credence broker                          # localhost:9092, data deleted on exit",
                "  credence broker --port 19092 --log-dir /tmp/kafka-data   # keep the data between runs"})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9092",
            description = "Plaintext listener port on localhost; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Keep the broker's data here (reused when it exists); default: a temporary directory deleted on exit.")
    Path logDir;

    @Override
    public Integer call() throws InterruptedException {
        Logging.serverMode();
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port);
        if (logDir != null) builder.logDir(logDir);
        EmbeddedKafkaBroker broker = builder.start();
        System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (log dir " + broker.logDir()
                + "). Press Ctrl-C to stop.");
        RunUntilStopped.await(broker, "broker");
        return 0;
    }
}
