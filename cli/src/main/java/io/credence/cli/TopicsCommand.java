package io.credence.cli;

import io.credence.cli.kafka.KafkaOptions;
import io.credence.cli.kafka.PipelineTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code credence topics}: creates the pipeline's topics before the apps start. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        header = "Creates the pipeline's topics (those missing) and waits until the broker serves them.",
        description = {"Creates labeled-records, model-specs and posterior-snapshots (both compacted), training-metrics,",
                "feature-records, predictions, stream-trainer.dlq and stream-scorer.dlq where missing; existing topics are",
                "left as they are. The apps create missing topics too; this provisions them up front, with your settings."},
        footerHeading = "%nExamples:%n",
        footer = {"  credence topics --bootstrap localhost:9092",
                "  credence topics -b kafka:9093 --partitions 6 --replication-factor 3 --kafka-config admin.properties"})
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
        List<String> created = PipelineTopics.ensure(kafka.clientProperties(), partitions, replicationFactor);
        System.out.println(created.isEmpty() ? "all topics exist on " + kafka.bootstrap()
                : "created " + String.join(", ", created) + " on " + kafka.bootstrap());
        return 0;
    }
}
