package io.credence.bnn.likelihood;

import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.Task;

import java.nio.DoubleBuffer;

/**
 * p(y | network output): the data term of the ELBO. Outputs and labels are in standardised units for regression.
 * Call {@link #nll} once per Monte Carlo draw; it returns the weighted sum of per-example negative log-likelihoods and
 * adds {@code scale} times its gradient to the output gradient and to the likelihood's own parameters (e.g. a learned
 * noise scale).
 */
public sealed interface Likelihood permits HomoscedasticLikelihood, HeteroscedasticLikelihood, Categorical {

    /** Trainable parameters the likelihood itself owns (1 for a learned noise scale, else 0). */
    int parameters();

    /**
     * @param out    network outputs [batch, outputs] row-major
     * @param batch  number of examples
     * @param y      labels [batch] (standardised targets, or class indices)
     * @param weight per-example weights [batch]
     * @param params the likelihood's own parameters
     * @param scale  factor applied to every gradient
     * @param dOut   gradient accumulator for the outputs [batch, outputs]
     * @param gParams gradient accumulator for {@code params}
     * @return sum over the batch of weight_i * nll_i
     */
    double nll(DoubleBuffer out, int batch, double[] y, double[] weight, double[] params, double scale,
               DoubleBuffer dOut, double[] gParams);

    /** The likelihood a spec asks for; {@code params} of a learned noise scale start at log(spec.noiseSigma). */
    static Likelihood of(ModelSpec spec) {
        if (spec.task() == Task.CLASSIFICATION) return new Categorical(spec.classes());
        NoiseDistribution noise = NoiseDistribution.of(spec.likelihood().noiseDegreesOfFreedom());
        return switch (spec.likelihood().noiseModel()) {
            case FIXED -> new HomoscedasticLikelihood(noise, false, Math.log(spec.likelihood().noiseSigma()));
            case HOMOSCEDASTIC -> new HomoscedasticLikelihood(noise, true, Math.log(spec.likelihood().noiseSigma()));
            case HETEROSCEDASTIC -> new HeteroscedasticLikelihood(noise);
        };
    }

    /** Initial values of the likelihood's own parameters for {@code spec}. */
    static double[] initialParameters(ModelSpec spec) {
        if (spec.task() == Task.REGRESSION && spec.likelihood().noiseModel() == NoiseModel.HOMOSCEDASTIC) {
            return new double[] {Math.log(spec.likelihood().noiseSigma())};
        }
        return new double[0];
    }
}
