package io.credence.trainer.config;

import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.Task;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The spec of a model that has none on model-specs, bound from {@code credence.trainer.default-spec}. Only
 * {@code task} and {@code features} are required; every unset field keeps the default declared in {@link ModelSpec}.
 * Each field has the meaning of the {@link ModelSpec} component of the same name; the prior is Gaussian
 * ({@code prior-mean}, {@code prior-sigma}) unless the scale-mixture fields are set.
 */
@ConfigurationProperties("credence.trainer.default-spec")
public record DefaultSpecProperties(
        @Nullable Task task, @Nullable Integer classes, @Nullable Integer features, @Nullable List<Integer> hidden,
        @Nullable Activation activation,
        @Nullable Double priorMean, @Nullable Double priorSigma,
        @Nullable Double mixturePi, @Nullable Double mixtureSigma1, @Nullable Double mixtureSigma2,
        @Nullable Double muInitStd, @Nullable Double rhoInit, @Nullable Estimator estimator, @Nullable KlMode klMode,
        @Nullable Double klWeight, @Nullable NoiseModel noiseModel, @Nullable Double noiseSigma,
        @Nullable Double noiseDegreesOfFreedom, @Nullable Double learningRate, @Nullable Double clipNorm,
        @Nullable Double averagingDecay, @Nullable Integer batchSize,
        @Nullable Integer stepsPerBatch, @Nullable Integer trainSamples, @Nullable Integer scoreSamples,
        @Nullable Integer snapshotEveryUpdates, @Nullable Double snapshotEverySeconds, @Nullable Double intervalLevel,
        @Nullable StreamingMode streamingMode, @Nullable Long effectiveDataSize, @Nullable Double tempering,
        @Nullable Integer replayWindow, @Nullable Integer replaySteps, @Nullable Double replayBudget,
        @Nullable Long seed) {

    /** The configured spec under {@code modelId}; throws IllegalArgumentException naming the bad setting. */
    public ModelSpec toSpec(String modelId) {
        if (task == null || features == null) {
            throw new IllegalArgumentException("credence.trainer.default-spec.task and .features must be set");
        }
        ModelSpec defaults = (task == Task.CLASSIFICATION
                ? ModelSpec.classification(modelId, features, or(classes, 0))
                : ModelSpec.regression(modelId, features)).build();
        ModelSpec.Builder b = defaults.toBuilder();
        if (hidden != null) b.hidden(hidden);
        if (activation != null) b.activation(activation);
        if (mixturePi != null || mixtureSigma1 != null || mixtureSigma2 != null) {
            if (mixturePi == null || mixtureSigma1 == null || mixtureSigma2 == null) {
                throw new IllegalArgumentException("a scale-mixture prior needs mixture-pi, mixture-sigma1 and mixture-sigma2");
            }
            b.prior(new PriorSpec.ScaleMixture(mixturePi, mixtureSigma1, mixtureSigma2));
        } else if (priorMean != null || priorSigma != null) {
            PriorSpec.Gaussian d = (PriorSpec.Gaussian) defaults.prior();
            b.prior(new PriorSpec.Gaussian(or(priorMean, d.mean()), or(priorSigma, d.sigma())));
        }
        if (muInitStd != null) b.muInitStd(muInitStd);
        if (rhoInit != null) b.rhoInit(rhoInit);
        if (estimator != null) b.estimator(estimator);
        if (klMode != null) b.klMode(klMode);
        if (klWeight != null) b.klWeight(klWeight);
        b.noise(or(noiseModel, defaults.noiseModel()), or(noiseSigma, defaults.noiseSigma()));
        if (noiseDegreesOfFreedom != null) b.noiseDegreesOfFreedom(noiseDegreesOfFreedom);
        if (learningRate != null) b.learningRate(learningRate);
        if (clipNorm != null) b.clipNorm(clipNorm);
        if (averagingDecay != null) b.averagingDecay(averagingDecay);
        if (batchSize != null) b.batchSize(batchSize);
        if (stepsPerBatch != null) b.stepsPerBatch(stepsPerBatch);
        if (trainSamples != null) b.trainSamples(trainSamples);
        if (scoreSamples != null) b.scoreSamples(scoreSamples);
        b.snapshotEvery(or(snapshotEveryUpdates, defaults.snapshotEveryUpdates()),
                or(snapshotEverySeconds, defaults.snapshotEverySeconds()));
        if (intervalLevel != null) b.intervalLevel(intervalLevel);
        b.streaming(or(streamingMode, defaults.streamingMode()), or(effectiveDataSize, defaults.effectiveDataSize()),
                or(tempering, defaults.tempering()));
        if (replayWindow != null) b.replayWindow(replayWindow);
        if (replaySteps != null) b.replaySteps(replaySteps);
        if (replayBudget != null) b.replayBudget(replayBudget);
        if (seed != null) b.seed(seed);
        return b.build();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
