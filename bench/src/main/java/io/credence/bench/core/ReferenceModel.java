package io.credence.bench.core;

import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;

import java.util.List;

/**
 * The model of the PyTorch reference ({@code bbb_torch.py}) as a Credence spec: N(0, 1) prior with closed-form KL,
 * rho initialised at -5, weight means N(0, 1 / fanIn), one training draw, learned homoscedastic noise starting at
 * log sigma = -1 and Gaussian, Adam at 0.01 without gradient clipping or averaging, KL weighted by 1 / (training rows),
 * no rehearsal.
 */
public final class ReferenceModel {
    /** The reference's initial log noise std. */
    public static final double INITIAL_LOG_NOISE = -1.0;
    /** The reference's Adam step size. */
    public static final double LEARNING_RATE = 0.01;

    private ReferenceModel() {}

    /**
     * @param features  input width
     * @param hidden    hidden widths, e.g. [50, 50]
     * @param batch     mini-batch size
     * @param estimator gradient estimator (REPARAMETERIZATION is the reference's)
     * @param trainRows training rows, the N of KL / N
     * @param seed      seed of the initial means and every draw
     */
    public static ModelSpec spec(int features, List<Integer> hidden, int batch, Estimator estimator, long trainRows, long seed) {
        return ModelSpec.regression("bench-" + features + "-" + hidden, features)
                .network(n -> n.withHidden(hidden))
                .variational(v -> v.withPrior(new PriorSpec.Gaussian(0.0, 1.0))
                        .withMuInitStd(1.0)
                        .withRhoInit(-5.0)
                        .withEstimator(estimator)
                        .withTrainSamples(1))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, Math.exp(INITIAL_LOG_NOISE))
                        .withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY))
                .variational(v -> v.withKlWeight(1))
                .optimiser(o -> o.withLearningRate(LEARNING_RATE)
                        .withClipNorm(0)
                        .withAveragingDecay(0))
                .streaming(s -> s.withReplay(0, 0, 0))
                .optimiser(o -> o.withBatchSize(batch))
                .streaming(s -> s.withStreaming(StreamingMode.EFFECTIVE_DATA_SIZE, trainRows, 1.0))
                .seed(seed)
                .build();
    }
}
