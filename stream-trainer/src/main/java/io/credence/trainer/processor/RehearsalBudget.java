package io.credence.trainer.processor;

/**
 * The CPU time one trainer instance may spend rehearsing models while their stream is quiet, shared by all its learner
 * tasks: a token bucket refilled at {@code share} CPU-seconds per second of the stream's wall clock (the punctuation
 * time) and holding at most one second's worth. A task takes a slice before it rehearses and gives back what it did
 * not use, so tasks draw in turn and an instance with many idle models never rehearses more than {@code share} of a
 * core. Thread-safe.
 */
public final class RehearsalBudget {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final double share;
    private double availableNanos;
    /** Wall-clock time of the last refill, epoch ms; -1 before the first. */
    private long refilledAtMillis = -1;

    /** A budget of {@code share} cores (0: no rehearsal while quiet). */
    public RehearsalBudget(double share) {
        if (!(share >= 0) || share > 64) throw new IllegalArgumentException("rehearsal CPU share must be in [0, 64] cores, got " + share);
        this.share = share;
    }

    /** Up to {@code wantedNanos} of CPU time to rehearse at wall-clock time {@code nowMillis}; 0 when the budget is spent. */
    synchronized long take(long nowMillis, long wantedNanos) {
        if (refilledAtMillis < 0) {
            availableNanos = share * SECOND_NANOS; // starts full
        } else if (nowMillis > refilledAtMillis) {
            availableNanos = Math.min(share * SECOND_NANOS, availableNanos + share * (nowMillis - refilledAtMillis) * 1e6);
        }
        refilledAtMillis = Math.max(refilledAtMillis, nowMillis);
        long granted = (long) Math.min(wantedNanos, availableNanos);
        availableNanos -= granted;
        return Math.max(0, granted);
    }

    /** Returns the unused part of a slice. */
    synchronized void giveBack(long nanos) {
        if (nanos > 0) availableNanos = Math.min(share * SECOND_NANOS, availableNanos + nanos);
    }
}
