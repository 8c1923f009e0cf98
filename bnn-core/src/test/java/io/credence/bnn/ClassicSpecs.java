package io.credence.bnn;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;

/**
 * Specs of the textbook Bayes-by-Backprop recipe (Blundell et al. 2015) for tests whose expectations are derived for
 * it: one hidden layer of 50, homoscedastic Gaussian noise, the exact ELBO (KL weight 1), Adam at 0.01 clipped at 10,
 * no Polyak averaging and no rehearsal. The product default differs on each of these points.
 */
public final class ClassicSpecs {
    private ClassicSpecs() {}

    public static ModelSpec.Builder regression(String modelId, int features) {
        return classic(ModelSpec.regression(modelId, features));
    }

    public static ModelSpec.Builder classification(String modelId, int features, int classes) {
        return classic(ModelSpec.classification(modelId, features, classes));
    }

    private static ModelSpec.Builder classic(ModelSpec.Builder b) {
        return b.network(n -> n.withHidden(50))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.5)
                        .withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY))
                .variational(v -> v.withKlWeight(1))
                .optimiser(o -> o.withLearningRate(0.01).withClipNorm(10).withAveragingDecay(0))
                .streaming(s -> s.withReplay(0, 0, 0));
    }
}
