package io.credence.bench.jmh;

import org.nd4j.linalg.factory.Nd4j;

/** Pins ND4J to one thread in a forked benchmark JVM, as the apps run (OMP_NUM_THREADS=1), whatever the environment. */
final class SingleThread {
    private SingleThread() {}

    static void pin() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }
}
