package io.credence.app;

import java.util.HashSet;
import java.util.List;

/** The checks both apps make of their {@code credence.topics} settings when they are bound. */
public final class TopicNames {
    private TopicNames() {}

    /**
     * Throws IllegalArgumentException, naming the setting, unless every name is set and distinct and the partitions
     * and replication factor of the topics an app creates are at least 1.
     */
    public static void requireValid(List<String> names, int partitions, short replicationFactor) {
        for (String name : names) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("every credence.topics name must be set, got " + names);
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("credence.topics names must be distinct, got " + names);
        }
        if (partitions < 1) throw new IllegalArgumentException("credence.topics.partitions must be >= 1, got " + partitions);
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("credence.topics.replication-factor must be >= 1, got " + replicationFactor);
        }
    }
}
