package io.credence.cli.demo;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.StreamingMode;

import java.time.Duration;

/**
 * How big the demo is: the two workloads (each point streamed once, as a real stream arrives), the scoring grids, and
 * the models' specs.
 *
 * @param seed            seed of every random draw (data, shuffles, models)
 * @param sinPoints       distinct sin-gap training points (also the effective data size N of its KL weight)
 * @param moonsPoints     distinct two-moons training points (likewise)
 * @param sinPasses       times the sin-gap training set is streamed, shuffled anew each pass (1: a stream seen once)
 * @param moonsPasses     likewise for two-moons
 * @param sinGridPoints   sin-gap predictions over [-6, 6] for the picture and the uncertainty ratios
 * @param freshPoints     fresh sin-gap points from the training range, for coverage and RMSE
 * @param moonsGridSide   the two-moons decision surface is scored on a side x side grid
 * @param moonsTestPoints fresh two-moons points, for accuracy
 * @param timeout         longest wait for each stage (training, scoring)
 * @param modelIdSuffix   appended to both model ids: empty on a fresh embedded broker, a run tag on a shared cluster
 *                        (so each run trains new models)
 */
public record DemoSettings(long seed, int sinPoints, int moonsPoints, int sinPasses, int moonsPasses, int sinGridPoints, int freshPoints,
                           int moonsGridSide, int moonsTestPoints, Duration timeout,
                           String modelIdSuffix) {

    /** Lowest and highest x of the sin-gap picture and grid. */
    public static final double SIN_X_MIN = -6, SIN_X_MAX = 6;

    /** The full demo (the sizes of bnn-core's SinGapTest) or, with {@code quick}, a smaller one for tests. */
    public static DemoSettings of(long seed, boolean quick, Duration timeout, String modelIdSuffix) {
        return quick
                ? new DemoSettings(seed, 2000, 500, 1, 1, 240, 400, 30, 300, timeout, modelIdSuffix)
                : new DemoSettings(seed, 2000, 1000, 1, 1, 240, 1000, 60, 1000, timeout, modelIdSuffix);
    }

    /** Model id of the regression. */
    public String sinModel() {
        return "demo-sin-gap" + modelIdSuffix;
    }

    /** Model id of the classifier. */
    public String moonsModel() {
        return "demo-two-moons" + modelIdSuffix;
    }

    /** Labeled records the demo streams, both models together. */
    public long recordsToProduce() {
        return (long) sinPasses * sinPoints + (long) moonsPasses * moonsPoints;
    }

    /** Feature records the demo scores, both models together. */
    public int featureRecords() {
        return sinGridPoints + freshPoints + moonsGridSide * moonsGridSide + moonsTestPoints;
    }

    /** The sin-gap model: the product default spec, N = the points streamed, 200 draws per prediction for the picture. */
    public ModelSpec sinSpec() {
        return ModelSpec.regression(sinModel(), 1)
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, sinPoints, 1.0)
                        .withSnapshotEvery(50, 1.0)).scoring(sc -> sc.withScoreSamples(200)).seed(seed).build();
    }

    /** The two-moons model: the product default spec, N = the points streamed. */
    public ModelSpec moonsSpec() {
        return ModelSpec.classification(moonsModel(), 2, 2)
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, moonsPoints, 1.0)
                        .withSnapshotEvery(50, 1.0)).seed(seed + 1).build();
    }
}
