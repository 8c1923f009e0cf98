package io.credence.system.harness;

import java.lang.management.ManagementFactory;

/** The heap this JVM uses after a full collection: what the apps running in it keep alive. */
public final class Heap {

    private Heap() {}

    /** Heap in use right after a requested full GC, in MiB. */
    public static double usedAfterGcMiB() {
        System.gc();
        System.gc(); // the second pass frees what the first only finalised
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
