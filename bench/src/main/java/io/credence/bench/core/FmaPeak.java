package io.credence.bench.core;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-core float32 multiply-add limit of this CPU, measured: 12 independent fused multiply-add chains on the
 * JDK's widest vectors, with no memory traffic, enough to hide the instruction's latency. A scoring or training rate
 * times its multiply-adds per example, over this, says how much of the core a figure uses.
 */
final class FmaPeak {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private FmaPeak() {}

    /** Multiply-adds per second: the best of five 0.2 s runs after a warm-up. */
    static double multiplyAddsPerSecond() {
        long iterations = 1L << 22;
        chains(iterations); // compiled before it is timed
        double best = 0;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            float sum = chains(iterations);
            long nanos = System.nanoTime() - t0;
            if (!Float.isFinite(sum)) throw new IllegalStateException("the FMA chains overflowed");
            best = Math.max(best, (double) iterations * CHAINS * SPECIES.length() / (nanos / 1e9));
        }
        return best;
    }

    private static float chains(long iterations) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999f), y = FloatVector.broadcast(SPECIES, 0.001f);
        FloatVector a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (long k = 0; k < iterations; k++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
