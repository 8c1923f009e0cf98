package io.credence.broker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} from a shell until Ctrl-C: {@code BrokerMain [port [logDir]]}.
 *
 * <p>The port defaults to 9092; without a log dir the data lives in a temporary directory deleted on exit. This JVM
 * runs nothing but the broker, so all logging is at WARN (under Logback); the ready line goes to standard output.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    /** Starts the broker, prints its address and blocks until the JVM is asked to stop; exits 1 if it cannot start. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 2 || (args.length > 0 && !args[0].matches("\\d{1,5}"))) {
            System.err.println("Usage: BrokerMain [port [logDir]]   (port defaults to 9092)");
            System.exit(2);
        }
        BrokerLogLevels.quietEverything();
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(args.length > 0 ? Integer.parseInt(args[0]) : 9092);
        if (args.length > 1) {
            builder.logDir(Path.of(args[1]));
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = builder.start();
        } catch (BrokerStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (log dir " + broker.logDir()
                + "). Press Ctrl-C to stop.");
        stopped.await();
    }
}
