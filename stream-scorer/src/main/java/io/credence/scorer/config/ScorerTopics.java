package io.credence.scorer.config;

import io.credence.app.TopicNames;
import io.credence.app.TopicProvisioner.Topic;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Arrays;
import java.util.List;

/**
 * The scorer's topics, bound from {@code credence.topics}: their names, and the partitions and replication factor used
 * when the scorer creates a missing one.
 *
 * @param featureRecords     input: FeatureRecord values, any key (the prediction keeps it)
 * @param posteriorSnapshots input, compacted, read as a global table: PosteriorSnapshot values keyed by model id
 * @param trainingMetrics    input of the live page: TrainingMetrics values keyed by model id
 * @param predictions        output: Prediction values, same key as the feature record
 * @param deadLetters        output: DeadLetter values for every input the scorer could not use
 * @param partitions         partitions of a topic the scorer creates
 * @param replicationFactor  replication factor of every topic the scorer creates (its internal topics included)
 */
@ConfigurationProperties("credence.topics")
public record ScorerTopics(String featureRecords, String posteriorSnapshots, String trainingMetrics,
                           String predictions, String deadLetters, int partitions, short replicationFactor) {
    public ScorerTopics {
        TopicNames.requireValid(Arrays.asList(featureRecords, posteriorSnapshots, trainingMetrics, predictions, deadLetters),
                partitions, replicationFactor);
    }

    /** Every topic the scorer reads or writes, with whether it must be compacted. */
    public List<Topic> all() {
        return List.of(new Topic(featureRecords, false), new Topic(posteriorSnapshots, true),
                new Topic(trainingMetrics, false), new Topic(predictions, false), new Topic(deadLetters, false));
    }
}
