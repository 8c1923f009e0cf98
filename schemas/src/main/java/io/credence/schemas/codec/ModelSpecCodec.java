package io.credence.schemas.codec;

import io.credence.avro.DenseLayer;
import io.credence.avro.GaussianPrior;
import io.credence.avro.KlSpec;
import io.credence.avro.NoiseSpec;
import io.credence.avro.OptimizerSpec;
import io.credence.avro.PosteriorInit;
import io.credence.avro.ReplaySpec;
import io.credence.avro.ScaleMixturePrior;
import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.LikelihoodSpec;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NetworkSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.OptimiserSpec;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.ScoringSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.StreamingSpec;
import io.credence.bnn.spec.Task;
import io.credence.bnn.spec.VariationalSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts the Avro {@link io.credence.avro.ModelSpec} (where null means "the default") to the core {@link ModelSpec}
 * (every value explicit and validated) and back. Defaults come only from the core sections' {@code DEFAULT}s.
 */
public final class ModelSpecCodec {

    private ModelSpecCodec() {}

    /**
     * The core spec of {@code avro}: every null field takes the default of its section ({@code DEFAULT}).
     *
     * @throws IllegalArgumentException naming the model id when a value is invalid
     */
    public static ModelSpec toCore(io.credence.avro.ModelSpec avro) {
        String modelId = avro.getModelId();
        try {
            NetworkSpec n = NetworkSpec.DEFAULT;
            NetworkSpec network = new NetworkSpec(or(avro.getHidden(), n.hidden()),
                    core(avro.getActivation(), Activation.class, n.activation()));

            // A scale-mixture prior switches the default KL mode to MONTE_CARLO; an explicit KL mode wins over that.
            VariationalSpec v = avro.getPrior() == null ? VariationalSpec.DEFAULT
                    : VariationalSpec.DEFAULT.withPrior(prior(avro.getPrior()));
            PosteriorInit init = avro.getPosteriorInit();
            KlSpec kl = avro.getKl();
            VariationalSpec variational = new VariationalSpec(v.prior(),
                    init == null ? v.muInitStd() : init.getMuInitStd(), init == null ? v.rhoInit() : init.getRhoInit(),
                    core(avro.getEstimator(), Estimator.class, v.estimator()),
                    kl == null ? v.klMode() : core(kl.getMode(), KlMode.class, null), kl == null ? v.klWeight() : kl.getWeight(),
                    or(avro.getTrainSamples(), v.trainSamples()));

            // Within a NoiseSpec, null degrees of freedom mean Gaussian noise, whatever the default is.
            NoiseSpec noise = avro.getNoise();
            LikelihoodSpec likelihood = noise == null ? LikelihoodSpec.DEFAULT
                    : new LikelihoodSpec(core(noise.getModel(), NoiseModel.class, null), noise.getSigma(),
                            or(noise.getDegreesOfFreedom(), Double.POSITIVE_INFINITY));

            // Within an OptimizerSpec, a null averaging decay means no averaging, whatever the default is.
            OptimizerSpec adam = avro.getOptimizer();
            OptimiserSpec o = OptimiserSpec.DEFAULT;
            OptimiserSpec optimiser = new OptimiserSpec(adam == null ? o.learningRate() : adam.getLearningRate(),
                    adam == null ? o.clipNorm() : adam.getClipNorm(),
                    adam == null ? o.averagingDecay() : or(adam.getAveragingDecay(), 0.0),
                    or(avro.getBatchSize(), o.batchSize()), or(avro.getStepsPerBatch(), o.stepsPerBatch()));

            io.credence.avro.StreamingSpec stream = avro.getStreaming();
            ReplaySpec replay = avro.getReplay();
            StreamingSpec s = StreamingSpec.DEFAULT;
            StreamingSpec streaming = new StreamingSpec(
                    stream == null ? s.streamingMode() : core(stream.getMode(), StreamingMode.class, null),
                    stream == null ? s.effectiveDataSize() : stream.getEffectiveDataSize(),
                    stream == null ? s.tempering() : stream.getTempering(),
                    replay == null ? s.replayWindow() : replay.getWindow(), replay == null ? s.replaySteps() : replay.getSteps(),
                    replay == null ? s.replayBudget() : replay.getBudget(),
                    or(avro.getSnapshotEveryUpdates(), s.snapshotEveryUpdates()),
                    or(avro.getSnapshotEverySeconds(), s.snapshotEverySeconds()));

            ScoringSpec scoring = new ScoringSpec(or(avro.getScoreSamples(), ScoringSpec.DEFAULT.scoreSamples()),
                    or(avro.getIntervalLevel(), ScoringSpec.DEFAULT.intervalLevel()));

            return new ModelSpec(modelId, Task.valueOf(avro.getTask().name()), avro.getClasses(), avro.getFeatures(),
                    network, variational, likelihood, optimiser, streaming, scoring,
                    or(avro.getSeed(), ModelSpec.DEFAULT_SEED),
                    avro.getFromWeights() == null ? null : weights(avro.getFromWeights()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid spec for model " + modelId + ": " + e.getMessage(), e);
        }
    }

    /** The Avro spec of {@code spec} with every field filled in. */
    public static io.credence.avro.ModelSpec toAvro(ModelSpec spec) {
        NetworkSpec network = spec.network();
        VariationalSpec v = spec.variational();
        LikelihoodSpec likelihood = spec.likelihood();
        OptimiserSpec o = spec.optimiser();
        StreamingSpec s = spec.streaming();
        return io.credence.avro.ModelSpec.newBuilder()
                .setModelId(spec.modelId())
                .setTask(io.credence.avro.Task.valueOf(spec.task().name()))
                .setClasses(spec.classes())
                .setFeatures(spec.features())
                .setHidden(network.hidden())
                .setActivation(io.credence.avro.Activation.valueOf(network.activation().name()))
                .setPrior(prior(v.prior()))
                .setPosteriorInit(new PosteriorInit(v.muInitStd(), v.rhoInit()))
                .setEstimator(io.credence.avro.Estimator.valueOf(v.estimator().name()))
                .setKl(new KlSpec(io.credence.avro.KlMode.valueOf(v.klMode().name()), v.klWeight()))
                .setNoise(new NoiseSpec(io.credence.avro.NoiseModel.valueOf(likelihood.noiseModel().name()),
                        likelihood.noiseSigma(),
                        Double.isInfinite(likelihood.noiseDegreesOfFreedom()) ? null : likelihood.noiseDegreesOfFreedom()))
                .setOptimizer(new OptimizerSpec(o.learningRate(), o.clipNorm(), o.averagingDecay() == 0 ? null : o.averagingDecay()))
                .setBatchSize(o.batchSize())
                .setStepsPerBatch(o.stepsPerBatch())
                .setTrainSamples(v.trainSamples())
                .setScoreSamples(spec.scoring().scoreSamples())
                .setSnapshotEveryUpdates(s.snapshotEveryUpdates())
                .setSnapshotEverySeconds(s.snapshotEverySeconds())
                .setIntervalLevel(spec.scoring().intervalLevel())
                .setStreaming(new io.credence.avro.StreamingSpec(
                        io.credence.avro.StreamingMode.valueOf(s.streamingMode().name()), s.effectiveDataSize(), s.tempering()))
                .setReplay(new ReplaySpec(s.replayWindow(), s.replaySteps(), s.replayBudget()))
                .setSeed(spec.seed())
                .setFromWeights(spec.fromWeights() == null ? null : weights(spec.fromWeights()))
                .build();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The core enum value of the same name as {@code avro}, or {@code fallback} when it is null. */
    private static <E extends Enum<E>> E core(Enum<?> avro, Class<E> type, E fallback) {
        return avro == null ? fallback : Enum.valueOf(type, avro.name());
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
