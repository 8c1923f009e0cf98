package io.credence.bnn;

import io.credence.bnn.predictive.Predictor;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J backend in use (CPU nd4j-native by default, CUDA with the {@code cuda} Maven profile) and the Monte Carlo
 * scoring kernel, logged once.
 */
public final class Backend {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile String description;

    private Backend() {}

    /**
     * Loads ND4J if needed and returns e.g. "CpuBackend (CPU, BLAS OPENBLAS, 2 cores); scoring kernel Vector API,
     * 512-bit"; logs it on first call.
     */
    public static String describe() {
        String d = description;
        if (d == null) {
            synchronized (Backend.class) {
                if (description == null) {
                    var env = Nd4j.getExecutioner().getEnvironmentInformation();
                    description = Nd4j.getBackend().getClass().getSimpleName() + " (" + env.getProperty("backend", "?")
                            + ", BLAS " + env.getProperty("blas.vendor", "?") + ", " + Runtime.getRuntime().availableProcessors()
                            + " cores); scoring kernel " + Predictor.kernel();
                    LOG.info("ND4J backend: {}", description);
                }
                d = description;
            }
        }
        return d;
    }
}
