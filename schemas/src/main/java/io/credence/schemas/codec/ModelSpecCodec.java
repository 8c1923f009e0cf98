package io.credence.schemas.codec;

import io.credence.avro.DenseLayer;
import io.credence.avro.GaussianPrior;
import io.credence.avro.KlSpec;
import io.credence.avro.NoiseSpec;
import io.credence.avro.OptimizerSpec;
import io.credence.avro.PosteriorInit;
import io.credence.avro.ReplaySpec;
import io.credence.avro.ScaleMixturePrior;
import io.credence.avro.StreamingSpec;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts the Avro {@link io.credence.avro.ModelSpec} (where null means "the default") to the core {@link ModelSpec}
 * (every value explicit and validated) and back. Defaults come only from the core builder.
 */
public final class ModelSpecCodec {

    private ModelSpecCodec() {}

    /**
     * The core spec of {@code avro}: every null field takes the core default for its task.
     *
     * @throws IllegalArgumentException naming the model id when a value is invalid
     */
    public static ModelSpec toCore(io.credence.avro.ModelSpec avro) {
        String modelId = avro.getModelId();
        try {
            Task task = Task.valueOf(avro.getTask().name());
            ModelSpec.Builder b = task == Task.CLASSIFICATION
                    ? ModelSpec.classification(modelId, avro.getFeatures(), avro.getClasses())
                    : ModelSpec.regression(modelId, avro.getFeatures()).task(task, avro.getClasses());
            if (avro.getSnapshotEveryUpdates() != null || avro.getSnapshotEverySeconds() != null) {
                // The two cadences are set together; the one left null keeps its default, read from a spec built
                // before any other field is changed so that only defaults are read.
                ModelSpec defaults = b.build();
                b.snapshotEvery(
                        avro.getSnapshotEveryUpdates() != null ? avro.getSnapshotEveryUpdates() : defaults.snapshotEveryUpdates(),
                        avro.getSnapshotEverySeconds() != null ? avro.getSnapshotEverySeconds() : defaults.snapshotEverySeconds());
            }
            if (avro.getHidden() != null) b.hidden(avro.getHidden());
            if (avro.getActivation() != null) b.activation(Activation.valueOf(avro.getActivation().name()));
            // The prior goes before the KL: a scale-mixture prior switches the default KL mode to MONTE_CARLO,
            // and an explicit KL mode must win over that.
            if (avro.getPrior() != null) b.prior(prior(avro.getPrior()));
            if (avro.getPosteriorInit() != null) {
                b.muInitStd(avro.getPosteriorInit().getMuInitStd()).rhoInit(avro.getPosteriorInit().getRhoInit());
            }
            if (avro.getEstimator() != null) b.estimator(Estimator.valueOf(avro.getEstimator().name()));
            if (avro.getKl() != null) {
                b.klMode(KlMode.valueOf(avro.getKl().getMode().name())).klWeight(avro.getKl().getWeight());
            }
            if (avro.getNoise() != null) {
                b.noise(NoiseModel.valueOf(avro.getNoise().getModel().name()), avro.getNoise().getSigma());
                // Within a NoiseSpec, null degrees of freedom mean Gaussian noise, whatever the default is.
                Double dof = avro.getNoise().getDegreesOfFreedom();
                b.noiseDegreesOfFreedom(dof == null ? Double.POSITIVE_INFINITY : dof);
            }
            if (avro.getOptimizer() != null) {
                b.learningRate(avro.getOptimizer().getLearningRate()).clipNorm(avro.getOptimizer().getClipNorm());
                // Within an OptimizerSpec, a null averaging decay means no averaging, whatever the default is.
                Double decay = avro.getOptimizer().getAveragingDecay();
                b.averagingDecay(decay == null ? 0 : decay);
            }
            if (avro.getBatchSize() != null) b.batchSize(avro.getBatchSize());
            if (avro.getStepsPerBatch() != null) b.stepsPerBatch(avro.getStepsPerBatch());
            if (avro.getTrainSamples() != null) b.trainSamples(avro.getTrainSamples());
            if (avro.getScoreSamples() != null) b.scoreSamples(avro.getScoreSamples());
            if (avro.getIntervalLevel() != null) b.intervalLevel(avro.getIntervalLevel());
            if (avro.getStreaming() != null) {
                StreamingSpec s = avro.getStreaming();
                b.streaming(StreamingMode.valueOf(s.getMode().name()), s.getEffectiveDataSize(), s.getTempering());
            }
            if (avro.getReplay() != null) {
                ReplaySpec r = avro.getReplay();
                b.replay(r.getWindow(), r.getSteps(), r.getBudget());
            }
            if (avro.getSeed() != null) b.seed(avro.getSeed());
            if (avro.getFromWeights() != null) b.fromWeights(weights(avro.getFromWeights()));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid spec for model " + modelId + ": " + e.getMessage(), e);
        }
    }

    /** The Avro spec of {@code spec} with every field filled in. */
    public static io.credence.avro.ModelSpec toAvro(ModelSpec spec) {
        return io.credence.avro.ModelSpec.newBuilder()
                .setModelId(spec.modelId())
                .setTask(io.credence.avro.Task.valueOf(spec.task().name()))
                .setClasses(spec.classes())
                .setFeatures(spec.features())
                .setHidden(spec.hidden())
                .setActivation(io.credence.avro.Activation.valueOf(spec.activation().name()))
                .setPrior(prior(spec.prior()))
                .setPosteriorInit(new PosteriorInit(spec.muInitStd(), spec.rhoInit()))
                .setEstimator(io.credence.avro.Estimator.valueOf(spec.estimator().name()))
                .setKl(new KlSpec(io.credence.avro.KlMode.valueOf(spec.klMode().name()), spec.klWeight()))
                .setNoise(new NoiseSpec(io.credence.avro.NoiseModel.valueOf(spec.noiseModel().name()), spec.noiseSigma(),
                        Double.isInfinite(spec.noiseDegreesOfFreedom()) ? null : spec.noiseDegreesOfFreedom()))
                .setOptimizer(new OptimizerSpec(spec.learningRate(), spec.clipNorm(),
                        spec.averagingDecay() == 0 ? null : spec.averagingDecay()))
                .setBatchSize(spec.batchSize())
                .setStepsPerBatch(spec.stepsPerBatch())
                .setTrainSamples(spec.trainSamples())
                .setScoreSamples(spec.scoreSamples())
                .setSnapshotEveryUpdates(spec.snapshotEveryUpdates())
                .setSnapshotEverySeconds(spec.snapshotEverySeconds())
                .setIntervalLevel(spec.intervalLevel())
                .setStreaming(new StreamingSpec(io.credence.avro.StreamingMode.valueOf(spec.streamingMode().name()),
                        spec.effectiveDataSize(), spec.tempering()))
                .setReplay(new ReplaySpec(spec.replayWindow(), spec.replaySteps(), spec.replayBudget()))
                .setSeed(spec.seed())
                .setFromWeights(spec.fromWeights() == null ? null : weights(spec.fromWeights()))
                .build();
    }

    private static DeterministicWeights weights(io.credence.avro.DeterministicWeights avro) {
        List<double[][]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (DenseLayer layer : avro.getLayers()) {
            weights.add(layer.getWeight().stream().map(ModelSpecCodec::doubles).toArray(double[][]::new));
            biases.add(doubles(layer.getBias()));
        }
        return new DeterministicWeights(weights, biases, avro.getDelta(), doubles(avro.getInputMean()),
                doubles(avro.getInputScale()), avro.getTargetMean(), avro.getTargetScale());
    }

    private static io.credence.avro.DeterministicWeights weights(DeterministicWeights d) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l < d.weights().size(); l++) {
            layers.add(new DenseLayer(Arrays.stream(d.weights().get(l)).map(ModelSpecCodec::list).toList(), list(d.biases().get(l))));
        }
        return new io.credence.avro.DeterministicWeights(layers, d.delta(), list(d.inputMean()), list(d.inputScale()),
                d.targetMean(), d.targetScale());
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static PriorSpec prior(Object avroPrior) {
        if (avroPrior instanceof GaussianPrior g) return new PriorSpec.Gaussian(g.getMean(), g.getSigma());
        if (avroPrior instanceof ScaleMixturePrior m) return new PriorSpec.ScaleMixture(m.getPi(), m.getSigma1(), m.getSigma2());
        throw new IllegalArgumentException("unknown prior record " + avroPrior.getClass().getName());
    }

    private static Object prior(PriorSpec prior) {
        if (prior instanceof PriorSpec.Gaussian g) return new GaussianPrior(g.mean(), g.sigma());
        PriorSpec.ScaleMixture m = (PriorSpec.ScaleMixture) prior;
        return new ScaleMixturePrior(m.pi(), m.sigma1(), m.sigma2());
    }
}
