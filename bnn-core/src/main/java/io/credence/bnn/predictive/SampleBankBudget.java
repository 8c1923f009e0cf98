package io.credence.bnn.predictive;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bound on the heap that the sample banks of the predictors sharing it hold together. Beyond it, the least recently
 * used banks are dropped; a dropped bank is drawn again when its predictor next needs it, identically, since a bank is
 * a function of its posterior, seed and draw count. So the bound costs time (a bank drawn anew), never a different
 * prediction. The bank being added always stays, even alone over the bound: a model in use must be able to score.
 * Thread-safe.
 */
public final class SampleBankBudget {

    /** No bound and no bookkeeping: banks live as long as their predictor. */
    public static final SampleBankBudget NONE = new SampleBankBudget(Long.MAX_VALUE);

    private record Key(Predictor predictor, int samples) {}

    private final long maxBytes;
    /** Banks held, least recently used first, with their size in bytes. */
    private final LinkedHashMap<Key, Long> banks = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long dropped;

    /** A budget of {@code maxBytes} bytes ({@code > 0}). */
    public SampleBankBudget(long maxBytes) {
        if (maxBytes <= 0) throw new IllegalArgumentException("a sample bank budget must be positive, got " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** Heap the banks held under this budget take now, bytes. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Banks dropped to stay within the bound so far. */
    public synchronized long dropped() {
        return dropped;
    }

    /** {@code predictor}'s bank of {@code samples} draws was used. */
    void used(Predictor predictor, int samples) {
        if (this == NONE) return;
        synchronized (this) {
            banks.get(new Key(predictor, samples));
        }
    }

    /** {@code predictor} drew a bank of {@code samples} draws, {@code size} bytes: drops others while over the bound. */
    void added(Predictor predictor, int samples, long size) {
        if (this == NONE) return;
        List<Key> drop = new ArrayList<>();
        synchronized (this) {
            Key added = new Key(predictor, samples);
            Long before = banks.put(added, size);
            bytes += size - (before == null ? 0 : before);
            for (Iterator<Map.Entry<Key, Long>> it = banks.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
                Map.Entry<Key, Long> eldest = it.next();
                if (eldest.getKey().equals(added)) continue;
                bytes -= eldest.getValue();
                dropped++;
                drop.add(eldest.getKey());
                it.remove();
            }
        }
        for (Key k : drop) k.predictor().dropBank(k.samples()); // outside the lock: a predictor never calls back under it
    }

    /** {@code predictor} no longer holds its bank of {@code samples} draws. */
    void removed(Predictor predictor, int samples) {
        if (this == NONE) return;
        synchronized (this) {
            Long size = banks.remove(new Key(predictor, samples));
            if (size != null) bytes -= size;
        }
    }

    /** Forgets every bank of {@code predictor}, which is no longer used (its model was replaced or removed). */
    public void release(Predictor predictor) {
        if (this == NONE) return;
        synchronized (this) {
            for (Iterator<Map.Entry<Key, Long>> it = banks.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Long> e = it.next();
                if (e.getKey().predictor() == predictor) {
                    bytes -= e.getValue();
                    it.remove();
                }
            }
        }
    }
}
