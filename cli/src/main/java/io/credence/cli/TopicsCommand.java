package io.credence.cli;

import io.credence.cli.kafka.Clients;
import io.credence.cli.kafka.KafkaOptions;
import io.credence.kit.StackTopics;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** {@code credence topics}: creates the pipeline's topics before the apps start. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        header = "Creates the pipeline's topics (those missing) and waits until the broker serves them.",
        description = {"Creates labeled-records, model-specs and posterior-snapshots (both compacted), training-metrics,",
                "feature-records, predictions, stream-trainer.dlq and stream-scorer.dlq where missing; existing topics are",
                "left as they are. The apps create missing topics too; this provisions them up front, with your settings.",
                "With a schema registry (--serde-format registry), it also registers under each topic's <topic>-value",
                "subject every version of its record's schema that Credence reads, oldest first, so the registry checks",
                "their evolution under its compatibility rule (BACKWARD by default)."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence topics --bootstrap localhost:9092",
                "  credence topics -b kafka:9093 --partitions 6 --replication-factor 3 --kafka-config admin.properties",
                "  credence topics --registry-url http://registry:8081 --registry-property basic.auth.user.info=user:secret"})
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N", description = "Partitions of each new topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
            description = "Replication factor of each new topic (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Override
    public Integer call() {
        StackTopics topics = StackTopics.defaults(partitions, replicationFactor);
        List<String> created = ensure(topics);
        System.out.println(created.isEmpty() ? "all topics exist on " + kafka.bootstrap()
                : "created " + String.join(", ", created) + " on " + kafka.bootstrap());
        List<String> subjects;
        try {
            subjects = topics.registerSchemas(kafka.wireFormat());
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        if (!subjects.isEmpty()) {
            System.out.println("registered the schemas of " + subjects.size() + " subjects (every kept version, oldest first) at "
                    + kafka.wireFormat().describe().replaceFirst("^registry ", "") + ": " + String.join(", ", subjects));
        }
        return 0;
    }

    /** Creates the missing topics and waits until every topic is visible; returns those created. */
    private List<String> ensure(StackTopics topics) {
        try (Admin admin = Clients.admin(kafka.clientProperties())) {
            return topics.ensure(admin);
        } catch (TimeoutException e) {
            throw Clients.unreachable(kafka.clientProperties(), e);
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while creating topics", e);
        }
    }
}
