package io.credence.cli;

import io.credence.cli.console.Logging;
import io.credence.cli.kafka.Clients;
import io.credence.trainer.TrainerApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code credence trainer}: the real stream-trainer app in this JVM until Ctrl-C. */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        header = "Runs stream-trainer against a Kafka cluster until Ctrl-C.",
        description = {"Runs stream-trainer (labeled-records -> posterior-snapshots) against a Kafka cluster until Ctrl-C.",
                "It creates its topics when missing; configuration as in its application.yml, overridable here."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence trainer --bootstrap localhost:9092",
                "  credence trainer --http-port 0 --set credence.trainer.default-spec.features=13",
                "  credence trainer -b kafka:9093 --kafka-config client-sasl.properties"})
final class TrainerCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Override
    public Integer call() throws InterruptedException {
        Logging.serverMode();
        // Micronaut ends the JVM when an app fails to start; with the connection given here, check it first so a
        // wrong address is one clear line. Without it the app's own configuration (and environment) applies.
        if (app.kafka.given().isPresent()) Clients.requireBroker(app.kafka.clientProperties());
        TrainerApp trainer = TrainerApp.start(app.overrides(TrainerApp.HTTP_PORT));
        System.out.println("stream-trainer running against " + app.kafka.bootstrap() + ", HTTP at " + trainer.url()
                + ". Press Ctrl-C to stop.");
        RunUntilStopped.awaitApp();
        return 0;
    }
}
