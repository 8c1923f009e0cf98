package io.credence.trainer.config;

import io.credence.app.TopicNames;
import io.credence.app.TopicProvisioner.Topic;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Arrays;
import java.util.List;

/**
 * The trainer's topics, bound from {@code credence.topics}: their names, and the partitions and replication factor used
 * when the trainer creates a missing one.
 *
 * @param labeledRecords     input: LabeledRecord values, any key
 * @param modelSpecs         input, compacted: ModelSpec values keyed by model id
 * @param posteriorSnapshots output, compacted: PosteriorSnapshot values keyed by model id
 * @param trainingMetrics    output: TrainingMetrics values keyed by model id, one per mini-batch update
 * @param deadLetters        output: DeadLetter values for every input the trainer could not use
 * @param partitions         partitions of a topic the trainer creates
 * @param replicationFactor  replication factor of every topic the trainer creates (its internal topics included)
 */
@ConfigurationProperties("credence.topics")
public record TrainerTopics(String labeledRecords, String modelSpecs, String posteriorSnapshots,
                            String trainingMetrics, String deadLetters, int partitions, short replicationFactor) {

    public TrainerTopics {
        TopicNames.requireValid(Arrays.asList(labeledRecords, modelSpecs, posteriorSnapshots, trainingMetrics, deadLetters),
                partitions, replicationFactor);
    }

    /** Every topic the trainer reads or writes, with whether it must be compacted. */
    public List<Topic> all() {
        return List.of(new Topic(labeledRecords, false), new Topic(modelSpecs, true), new Topic(posteriorSnapshots, true),
                new Topic(trainingMetrics, false), new Topic(deadLetters, false));
    }
}
