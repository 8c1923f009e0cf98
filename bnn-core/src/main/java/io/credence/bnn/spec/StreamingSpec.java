package io.credence.bnn.spec;

/**
 * How an unbounded stream drives the model: the KL weighting that stands in for a data set's size, rehearsal of recent
 * records, and how often the posterior is published.
 *
 * @param streamingMode        how an unbounded stream weights the KL
 * @param effectiveDataSize    the N of KL / N (for POSTERIOR_AS_PRIOR also the records between prior refreshes)
 * @param tempering            POSTERIOR_AS_PRIOR variance widening factor at each refresh (>= 1)
 * @param replayWindow         most recent learned records kept for rehearsal ({@code ReplayWindow}); the window holds
 *                             min(replayWindow, effectiveDataSize) of them, 0 = no rehearsal
 * @param replaySteps          rehearsal SVI steps on mini-batches drawn from the window after each new mini-batch
 * @param replayBudget         rehearsal examples allowed per record learned: the rule that stops rehearsal, both after
 *                             each mini-batch and while the stream is quiet (about this many passes over a finite
 *                             stream); unspent allowance is capped at replayBudget times the window's capacity
 * @param snapshotEveryUpdates publish a snapshot every this many updates, 0 = off
 * @param snapshotEverySeconds publish a snapshot every this many seconds if anything changed, 0 = off
 */
public record StreamingSpec(StreamingMode streamingMode, long effectiveDataSize, double tempering, int replayWindow,
                            int replaySteps, double replayBudget, int snapshotEveryUpdates, double snapshotEverySeconds) {

    /**
     * KL / N with N = 10,000; rehearsal of a window of up to 10,000 records with a budget of 1,600 rehearsed examples
     * per record learned; a snapshot every 20 updates or 5 seconds.
     */
    public static final StreamingSpec DEFAULT = new StreamingSpec(StreamingMode.EFFECTIVE_DATA_SIZE, 10_000, 1.0,
            10_000, 0, 1600, 20, 5.0);

    public StreamingSpec {
        if (streamingMode == null) throw new IllegalArgumentException("streamingMode must be set");
        Checks.atLeast("effectiveDataSize", effectiveDataSize, 1);
        if (!(tempering >= 1) || !Double.isFinite(tempering)) {
            throw new IllegalArgumentException("tempering must be >= 1 and finite, got " + tempering);
        }
        Checks.atLeast("replayWindow", replayWindow, 0);
        Checks.atMost("replayWindow", replayWindow, ModelSpec.MAX_REPLAY_WINDOW);
        Checks.atLeast("replaySteps", replaySteps, 0);
        Checks.atMost("replaySteps", replaySteps, 1000);
        if (!(replayBudget >= 0) || !Double.isFinite(replayBudget)) {
            throw new IllegalArgumentException("replayBudget must be >= 0 and finite, got " + replayBudget);
        }
        Checks.atLeast("snapshotEveryUpdates", snapshotEveryUpdates, 0);
        Checks.nonNegative("snapshotEverySeconds", snapshotEverySeconds);
        if (snapshotEveryUpdates == 0 && snapshotEverySeconds == 0) {
            throw new IllegalArgumentException("snapshotEveryUpdates and snapshotEverySeconds cannot both be 0: no snapshot would ever be published");
        }
    }

    /** The KL weighting of the stream: {@code mode} with N = {@code dataSize}, and POSTERIOR_AS_PRIOR's tempering. */
    public StreamingSpec withStreaming(StreamingMode mode, long dataSize, double temperingFactor) {
        return new StreamingSpec(mode, dataSize, temperingFactor, replayWindow, replaySteps, replayBudget,
                snapshotEveryUpdates, snapshotEverySeconds);
    }

    /** The N of KL / N, the rest of the weighting unchanged. */
    public StreamingSpec withEffectiveDataSize(long n) { return withStreaming(streamingMode, n, tempering); }

    /**
     * Rehearsal: keep the last {@code window} records (at most effectiveDataSize), take {@code steps} SVI steps on
     * mini-batches drawn from them after each new mini-batch, and spend at most {@code budget} rehearsal examples per
     * record learned (the rest while the stream is quiet). {@code window} 0 turns rehearsal off.
     */
    public StreamingSpec withReplay(int window, int steps, double budget) {
        return new StreamingSpec(streamingMode, effectiveDataSize, tempering, window, steps, budget,
                snapshotEveryUpdates, snapshotEverySeconds);
    }

    public StreamingSpec withReplayWindow(int v) { return withReplay(v, replaySteps, replayBudget); }
    public StreamingSpec withReplaySteps(int v) { return withReplay(replayWindow, v, replayBudget); }
    public StreamingSpec withReplayBudget(double v) { return withReplay(replayWindow, replaySteps, v); }

    /** Publish a snapshot every {@code updates} updates and every {@code seconds} seconds (0: not by that clock). */
    public StreamingSpec withSnapshotEvery(int updates, double seconds) {
        return new StreamingSpec(streamingMode, effectiveDataSize, tempering, replayWindow, replaySteps, replayBudget,
                updates, seconds);
    }

    /** Examples the replay window holds at most: min(replayWindow, effectiveDataSize). */
    public int replayCapacity() {
        return (int) Math.min(replayWindow, effectiveDataSize);
    }

    /** This section's settings (see {@link SpecSettings}). */
    StreamingSpec settings(SpecSettings s) {
        return new StreamingSpec(s.choice("streamingMode", streamingMode), s.whole("effectiveDataSize", effectiveDataSize),
                s.number("tempering", tempering), s.whole("replayWindow", replayWindow), s.whole("replaySteps", replaySteps),
                s.number("replayBudget", replayBudget), s.whole("snapshotEveryUpdates", snapshotEveryUpdates),
                s.number("snapshotEverySeconds", snapshotEverySeconds));
    }
}
