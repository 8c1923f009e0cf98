package io.credence.scorer.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The newest training-metrics points of each model, at most {@code capacity} per model (the oldest are dropped). Thread-safe. */
public final class TrainingHistory {
    private final int capacity;
    private final Map<String, Deque<MetricsPoint>> points = new HashMap<>();

    public TrainingHistory(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("history capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
    }

    /** Appends a point of {@code modelId}, dropping its oldest beyond capacity. */
    public synchronized void add(String modelId, MetricsPoint point) {
        Deque<MetricsPoint> history = points.computeIfAbsent(modelId, id -> new ArrayDeque<>());
        history.addLast(point);
        if (history.size() > capacity) history.removeFirst();
    }

    /** The points of {@code modelId}, oldest first (empty if none). */
    public synchronized List<MetricsPoint> of(String modelId) {
        Deque<MetricsPoint> history = points.get(modelId);
        return history == null ? List.of() : List.copyOf(history);
    }
}
