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
        return b.hidden(50).noise(NoiseModel.HOMOSCEDASTIC, 0.5).noiseDegreesOfFreedom(Double.POSITIVE_INFINITY)
                .klWeight(1).learningRate(0.01).clipNorm(10).averagingDecay(0).replay(0, 0, 0);
    }
}
