package io.credence.cli;

import io.credence.scorer.ScorerApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code credence scorer}: the real stream-scorer app in this JVM until Ctrl-C. */
@Command(name = "scorer", mixinStandardHelpOptions = true,
        header = "Runs stream-scorer against a Kafka cluster until Ctrl-C.",
        description = {"Runs stream-scorer (feature-records + posterior-snapshots -> predictions) against a Kafka cluster until Ctrl-C.",
                "It serves POST /predict and a live page; configuration as in its application-scorer.yml, overridable here."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence scorer --bootstrap localhost:9092",
                "  credence scorer --http-port 8081 --set credence.scorer.no-model-policy=DLQ",
                "  credence scorer -b kafka:9093 -X security.protocol=SSL -X ssl.truststore.location=/etc/kafka/ts.p12"})
final class ScorerCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Override
    public Integer call() throws InterruptedException {
        return app.runUntilStopped("stream-scorer", ScorerApp.HTTP_PORT, overrides -> ScorerApp.start(overrides).url());
    }
}
