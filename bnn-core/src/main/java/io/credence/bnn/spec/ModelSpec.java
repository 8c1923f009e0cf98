package io.credence.bnn.spec;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything that defines one model: what it learns (task, classes, features) and, in sections, the network, the prior
 * and variational family, the likelihood, the optimiser, how the stream drives it and how it scores. Each section
 * declares its defaults once ({@code DEFAULT}) and validates its values; this record checks what spans sections, so an
 * invalid spec never reaches the math.
 *
 * @param modelId     model id
 * @param task        regression or classification
 * @param classes     number of classes (>= 2) for classification, 0 for regression
 * @param features    input width every record must have
 * @param network     hidden layers and activation
 * @param variational prior, posterior initialisation, gradient estimator, KL and ELBO samples
 * @param likelihood  regression noise (ignored for classification)
 * @param optimiser   Adam, mini-batches and Polyak averaging
 * @param streaming   KL weighting of the stream, rehearsal and snapshot cadence
 * @param scoring     draws per prediction and interval level
 * @param seed        seed of every random draw of this model
 * @param fromWeights a trained deterministic network the posterior starts from (MOPED), or null to start from the
 *                    random initialisation; needs a Gaussian prior, which is then centred on those weights. The learner
 *                    keeps it only until it has started: its own spec has none
 */
public record ModelSpec(
        String modelId,
        Task task,
        int classes,
        int features,
        NetworkSpec network,
        VariationalSpec variational,
        LikelihoodSpec likelihood,
        OptimiserSpec optimiser,
        StreamingSpec streaming,
        ScoringSpec scoring,
        long seed,
        DeterministicWeights fromWeights) {

    /** Largest hidden width, feature count and class count accepted: bounds memory against hostile specs. */
    public static final int MAX_WIDTH = 4096;
    /** Most hidden layers accepted. */
    public static final int MAX_HIDDEN_LAYERS = 8;
    /** Most trainable scalars (mu and rho counted once) accepted. */
    public static final long MAX_PARAMETERS = 4_000_000;
    /** Most Monte Carlo samples accepted for training or scoring. */
    public static final int MAX_SAMPLES = 10_000;
    /** Largest mini-batch accepted. */
    public static final int MAX_BATCH = 65_536;
    /** Largest replay window accepted (records). */
    public static final int MAX_REPLAY_WINDOW = 1_000_000;
    /** The seed of a spec that sets none. */
    public static final long DEFAULT_SEED = 42;

    public ModelSpec {
        if (modelId == null || modelId.isBlank()) throw new IllegalArgumentException("modelId must not be blank");
        if (task == null) throw new IllegalArgumentException("task must be set");
        if (task == Task.CLASSIFICATION) {
            Checks.atLeast("classes", classes, 2);
            Checks.atMost("classes", classes, MAX_WIDTH);
        } else if (classes != 0) {
            throw new IllegalArgumentException("classes must be 0 for regression, got " + classes);
        }
        Checks.atLeast("features", features, 1);
        Checks.atMost("features", features, MAX_WIDTH);
        if (network == null || variational == null || likelihood == null || optimiser == null || streaming == null
                || scoring == null) {
            throw new IllegalArgumentException("every section (network, variational, likelihood, optimiser, streaming, "
                    + "scoring) must be set");
        }
        int[] widths = layerWidths(features, network.hidden(), outputs(task, classes, likelihood.noiseModel()));
        long params = parameterCount(widths);
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException("network has " + params + " weights and biases, more than the limit " + MAX_PARAMETERS);
        }
        if (fromWeights != null) {
            if (!(variational.prior() instanceof PriorSpec.Gaussian)) {
                throw new IllegalArgumentException("fromWeights needs a Gaussian prior (MOPED centres it on the weights), got "
                        + variational.prior());
            }
            fromWeights.checkShapes(widths);
        }
    }

    /**
     * The product default for a regression model with {@code features} inputs, used wherever a spec leaves a field
     * out (the trainer's default spec, {@code credence spec --new}, the demo, {@code credence eval}): each section's
     * {@code DEFAULT}, which together are two hidden layers of 50, ReLU, an N(0, 1) prior, local reparameterisation,
     * KL weight 0.4, heteroscedastic Student-t noise with 4 degrees of freedom, Adam at 0.003 with the gradient norm
     * clipped at 100, Polyak averaging at 0.999, batches of 32, and rehearsal of a window of up to 10,000 records with a
     * budget of 1,600 rehearsed examples per record learned. How it was chosen: docs/benchmarks.md, "How the default
     * spec was chosen".
     */
    public static Builder regression(String modelId, int features) {
        return new Builder(modelId, Task.REGRESSION, 0, features);
    }

    /** Defaults for a classifier over {@code classes} classes. */
    public static Builder classification(String modelId, int features, int classes) {
        return new Builder(modelId, Task.CLASSIFICATION, classes, features);
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This spec without {@link #fromWeights}: what a learner started from the weights keeps. */
    public ModelSpec withoutWeights() {
        return fromWeights == null ? this : toBuilder().fromWeights(null).build();
    }

    /**
     * This spec's settings by name (see {@link SpecSettings}): model id, task, classes and features, every section's
     * settings in turn, then seed and fromWeights. Reading gives the spec with the settings the reader has.
     */
    public ModelSpec settings(SpecSettings s) {
        return new ModelSpec(s.text("modelId", modelId), s.choice("task", task), s.whole("classes", classes),
                s.whole("features", features), network.settings(s), variational.settings(s), likelihood.settings(s),
                optimiser.settings(s), streaming.settings(s), scoring.settings(s), s.whole("seed", seed),
                s.weights("fromWeights", fromWeights));
    }

    /** Network output width: 1 (regression), 2 (heteroscedastic regression: mean and log-variance) or classes. */
    public int outputs() {
        return outputs(task, classes, likelihood.noiseModel());
    }

    /** Layer widths from input to output, e.g. [13, 50, 1]. */
    public int[] layerWidths() {
        return layerWidths(features, network.hidden(), outputs());
    }

    /** Number of weights and biases (each has a mu and a rho). */
    public long parameterCount() {
        return parameterCount(layerWidths());
    }

    /**
     * Why a posterior trained under this spec cannot continue under {@code next}, or empty when it can (a compatible
     * change: optimiser, parameter averaging, samples, cadence, KL weighting, interval level, seed).
     */
    public Optional<String> incompatibilityWith(ModelSpec next) {
        if (task != next.task) return Optional.of("task changed from " + task + " to " + next.task);
        if (classes != next.classes) return Optional.of("classes changed from " + classes + " to " + next.classes);
        if (features != next.features) return Optional.of("features changed from " + features + " to " + next.features);
        if (!network.hidden().equals(next.network.hidden())) {
            return Optional.of("hidden layers changed from " + network.hidden() + " to " + next.network.hidden());
        }
        if (network.activation() != next.network.activation()) {
            return Optional.of("activation changed from " + network.activation() + " to " + next.network.activation());
        }
        if (task == Task.REGRESSION && likelihood.noiseModel() != next.likelihood.noiseModel()) {
            return Optional.of("noise model changed from " + likelihood.noiseModel() + " to "
                    + next.likelihood.noiseModel());
        }
        if (!variational.prior().equals(next.variational.prior())) {
            return Optional.of("prior changed from " + variational.prior() + " to " + next.variational.prior());
        }
        if (next.fromWeights != null && !next.fromWeights.equals(fromWeights)) {
            return Optional.of("the spec starts from the weights of a deterministic network");
        }
        return Optional.empty();
    }

    private static int outputs(Task task, int classes, NoiseModel noise) {
        if (task == Task.CLASSIFICATION) return classes;
        return noise == NoiseModel.HETEROSCEDASTIC ? 2 : 1;
    }

    private static int[] layerWidths(int features, List<Integer> hidden, int outputs) {
        int[] widths = new int[hidden.size() + 2];
        widths[0] = features;
        for (int i = 0; i < hidden.size(); i++) widths[i + 1] = hidden.get(i);
        widths[widths.length - 1] = outputs;
        return widths;
    }

    private static long parameterCount(int[] widths) {
        long total = 0;
        for (int l = 0; l + 1 < widths.length; l++) total += (long) widths[l] * widths[l + 1] + widths[l + 1];
        return total;
    }

    /**
     * Mutable builder whose sections start at their {@code DEFAULT}s; a section is changed by a function of it, e.g.
     * {@code optimiser(o -> o.withBatchSize(64))}.
     */
    public static final class Builder {
        private String modelId;
        private Task task;
        private int classes;
        private int features;
        private NetworkSpec network = NetworkSpec.DEFAULT;
        private VariationalSpec variational = VariationalSpec.DEFAULT;
        private LikelihoodSpec likelihood = LikelihoodSpec.DEFAULT;
        private OptimiserSpec optimiser = OptimiserSpec.DEFAULT;
        private StreamingSpec streaming = StreamingSpec.DEFAULT;
        private ScoringSpec scoring = ScoringSpec.DEFAULT;
        private long seed = DEFAULT_SEED;
        private DeterministicWeights fromWeights;

        private Builder(String modelId, Task task, int classes, int features) {
            this.modelId = modelId;
            this.task = task;
            this.classes = classes;
            this.features = features;
        }

        private Builder(ModelSpec s) {
            this(s.modelId, s.task, s.classes, s.features);
            network = s.network; variational = s.variational; likelihood = s.likelihood; optimiser = s.optimiser;
            streaming = s.streaming; scoring = s.scoring; seed = s.seed; fromWeights = s.fromWeights;
        }

        public Builder modelId(String v) { modelId = v; return this; }
        public Builder task(Task v, int nClasses) { task = v; classes = nClasses; return this; }
        public Builder features(int v) { features = v; return this; }
        public Builder network(UnaryOperator<NetworkSpec> edit) { network = edit.apply(network); return this; }
        public Builder variational(UnaryOperator<VariationalSpec> edit) { variational = edit.apply(variational); return this; }
        public Builder likelihood(UnaryOperator<LikelihoodSpec> edit) { likelihood = edit.apply(likelihood); return this; }
        public Builder optimiser(UnaryOperator<OptimiserSpec> edit) { optimiser = edit.apply(optimiser); return this; }
        public Builder streaming(UnaryOperator<StreamingSpec> edit) { streaming = edit.apply(streaming); return this; }
        public Builder scoring(UnaryOperator<ScoringSpec> edit) { scoring = edit.apply(scoring); return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** Start the posterior from a trained deterministic network (MOPED); null: from the random initialisation. */
        public Builder fromWeights(DeterministicWeights v) { fromWeights = v; return this; }

        public ModelSpec build() {
            return new ModelSpec(modelId, task, classes, features, network, variational, likelihood, optimiser,
                    streaming, scoring, seed, fromWeights);
        }
    }
}
