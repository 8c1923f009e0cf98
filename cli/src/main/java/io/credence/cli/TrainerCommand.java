package io.credence.cli;

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
        return app.runUntilStopped("stream-trainer", TrainerApp.HTTP_PORT, overrides -> TrainerApp.start(overrides).url());
    }
}
