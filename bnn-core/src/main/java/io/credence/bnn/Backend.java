package io.credence.bnn;

import io.credence.bnn.layer.DenseKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kernel the math runs on in this JVM (training and Monte Carlo scoring alike), logged once. */
public final class Backend {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile boolean logged;

    private Backend() {}

    /** e.g. "Vector API, 512-bit, 2 cores"; logs it on first call. */
    public static String describe() {
        String d = DenseKernel.best().description() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        if (!logged) {
            logged = true;
            LOG.info("Math kernel: {}", d);
        }
        return d;
    }
}
