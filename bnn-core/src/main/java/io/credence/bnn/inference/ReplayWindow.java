package io.credence.bnn.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The most recent examples a model has learned from, in raw units, kept so that it can rehearse them (experience
 * replay; Lin 1992, Rolnick et al. 2019): a recency window of at most {@code capacity} examples, the oldest dropped
 * first. A window rather than a reservoir sample of the whole stream, because the posterior is meant to summarise about
 * the last effectiveDataSize records ({@link KlWeighting}): a reservoir would keep replaying records from before a
 * change of the target for ever (docs/benchmarks.md, drift with replay).
 *
 * <p>Every example carries its ordinal (0, 1, 2... in the order added), so a copy kept elsewhere (the trainer's state
 * store, one entry per learned batch, keyed by its first ordinal) restores the same window. Draws depend only on the
 * examples' order, never on the ordinals' absolute values. Not thread-safe.
 */
public final class ReplayWindow {

    /**
     * One learned example.
     *
     * @param ordinal  position in the order the window received its examples
     * @param features [features] raw inputs
     * @param label    raw target or class index
     * @param weight   likelihood weight (1 for an unweighted record)
     */
    public record Example(long ordinal, double[] features, double label, double weight) {}

    private final int capacity;
    private final ArrayDeque<Example> examples = new ArrayDeque<>();
    /** Random access into {@link #examples}: rebuilt lazily after a change. */
    private Example[] indexed = new Example[0];
    private boolean stale;
    private long next;

    /** An empty window of at most {@code capacity} examples (0: it keeps nothing). */
    public ReplayWindow(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("replay window capacity must be >= 0, got " + capacity);
        this.capacity = capacity;
    }

    /**
     * The window holding {@code kept}, which must have consecutive ordinals (any order; a copy read back from a store).
     *
     * @throws IllegalArgumentException when the ordinals have a gap or more examples than {@code capacity} are given
     */
    public static ReplayWindow restore(int capacity, List<Example> kept) {
        ReplayWindow w = new ReplayWindow(capacity);
        if (kept.isEmpty()) return w;
        if (kept.size() > capacity) {
            throw new IllegalArgumentException("replay window of capacity " + capacity + " restored with " + kept.size() + " examples");
        }
        List<Example> sorted = new ArrayList<>(kept);
        sorted.sort((a, b) -> Long.compare(a.ordinal(), b.ordinal()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).ordinal() != sorted.get(i - 1).ordinal() + 1) {
                throw new IllegalArgumentException("replay window restored with a gap between ordinals "
                        + sorted.get(i - 1).ordinal() + " and " + sorted.get(i).ordinal());
            }
        }
        w.examples.addAll(sorted);
        w.next = sorted.get(sorted.size() - 1).ordinal() + 1;
        w.stale = true;
        return w;
    }

    public int capacity() { return capacity; }

    public int size() { return examples.size(); }

    /** Ordinal the next added example gets. */
    public long nextOrdinal() { return next; }

    /** Adds rows {@code [0, rows)} of a learned batch, dropping the oldest examples beyond the capacity. */
    void addAll(double[][] features, double[] labels, double[] weights) {
        if (capacity == 0) return;
        for (int i = 0; i < features.length; i++) {
            if (examples.size() == capacity) examples.removeFirst();
            examples.addLast(new Example(next++, features[i], labels[i], weights == null ? 1.0 : weights[i]));
        }
        stale = true;
    }

    /** The examples with ordinals from {@code fromOrdinal} on, oldest first (what a mirror of the window must add). */
    public List<Example> since(long fromOrdinal) {
        List<Example> out = new ArrayList<>();
        var it = examples.descendingIterator();
        while (it.hasNext()) {
            Example e = it.next();
            if (e.ordinal() < fromOrdinal) break;
            out.add(e);
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * {@code n} examples drawn uniformly with replacement from the newest {@code eligible} (at most {@link #size}).
     *
     * @throws IllegalStateException when nothing is eligible
     */
    Example[] sample(int n, int eligible, SplittableRandom rng) {
        int m = Math.min(eligible, examples.size());
        if (m <= 0) throw new IllegalStateException("nothing to replay: the window holds " + examples.size() + " examples, " + eligible + " eligible");
        Example[] all = indexed();
        int offset = all.length - m;
        Example[] out = new Example[n];
        for (int i = 0; i < n; i++) out[i] = all[offset + rng.nextInt(m)];
        return out;
    }

    private Example[] indexed() {
        if (stale) {
            indexed = examples.toArray(new Example[0]);
            stale = false;
        }
        return indexed;
    }
}
