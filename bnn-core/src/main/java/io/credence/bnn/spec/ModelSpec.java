package io.credence.bnn.spec;

import java.util.List;
import java.util.Optional;

/**
 * Everything that defines one model: the network, the variational family, the ELBO, the optimiser and how the stream
 * drives it. Every default is declared here, once ({@link #regression}, {@link #classification}); the constructor
 * validates every value, so an invalid spec never reaches the math.
 *
 * @param modelId              model id
 * @param task                 regression or classification
 * @param classes              number of classes (>= 2) for classification, 0 for regression
 * @param features             input width every record must have
 * @param hidden               hidden layer widths, input side first; empty means Bayesian linear (logistic) regression
 * @param activation           hidden nonlinearity
 * @param prior                weight prior
 * @param muInitStd            posterior means start as N(0, (muInitStd / sqrt(fanIn))^2); biases start at 0
 * @param rhoInit              posterior rho start value, sigma = softplus(rho)
 * @param estimator            gradient estimator
 * @param klMode               closed-form or Monte Carlo KL
 * @param klWeight             extra factor on the per-record KL weight (1 = the true ELBO)
 * @param noiseModel           regression noise model (ignored for classification)
 * @param noiseSigma           noise scale in standardised target units: the fixed value, or the start value when learned
 * @param noiseDegreesOfFreedom Student-t degrees of freedom of the noise (&gt; 2), or infinity for Gaussian noise
 * @param learningRate         Adam step size
 * @param clipNorm             global gradient-norm clip, 0 = off
 * @param averagingDecay       snapshots and predictions use an exponential moving average of the variational
 *                             parameters with this decay per update (Polyak averaging: about the last
 *                             1 / (1 - decay) updates, warmed up over a young model's first ~9 / (1 - decay)
 *                             updates); 0 = the latest parameters. Training itself is unchanged
 * @param batchSize            records per mini-batch
 * @param stepsPerBatch        SVI steps per mini-batch
 * @param trainSamples         Monte Carlo draws averaged in each ELBO estimate
 * @param scoreSamples         Monte Carlo draws per prediction
 * @param snapshotEveryUpdates publish a snapshot every this many updates, 0 = off
 * @param snapshotEverySeconds publish a snapshot every this many seconds if anything changed, 0 = off
 * @param intervalLevel        central predictive interval level
 * @param streamingMode        how an unbounded stream weights the KL
 * @param effectiveDataSize    the N of KL / N (for POSTERIOR_AS_PRIOR also the records between prior refreshes)
 * @param tempering            POSTERIOR_AS_PRIOR variance widening factor at each refresh (>= 1)
 * @param replayWindow         most recent learned records kept for rehearsal ({@code ReplayWindow}); the window holds
 *                             min(replayWindow, effectiveDataSize) of them, 0 = no rehearsal
 * @param replaySteps          rehearsal SVI steps on mini-batches drawn from the window after each new mini-batch
 * @param replayBudget         rehearsal examples allowed per record learned: the rule that stops rehearsal, both after
 *                             each mini-batch and while the stream is quiet (about this many passes over a finite
 *                             stream); unspent allowance is capped at replayBudget times the window's capacity
 * @param seed                 seed of every random draw of this model
 * @param fromWeights          a trained deterministic network the posterior starts from (MOPED), or null to start
 *                             from the random initialisation above; needs a Gaussian prior, which is then centred on
 *                             those weights. The learner keeps it only until it has started: its own spec has none
 */
public record ModelSpec(
        String modelId,
        Task task,
        int classes,
        int features,
        List<Integer> hidden,
        Activation activation,
        PriorSpec prior,
        double muInitStd,
        double rhoInit,
        Estimator estimator,
        KlMode klMode,
        double klWeight,
        NoiseModel noiseModel,
        double noiseSigma,
        double noiseDegreesOfFreedom,
        double learningRate,
        double clipNorm,
        double averagingDecay,
        int batchSize,
        int stepsPerBatch,
        int trainSamples,
        int scoreSamples,
        int snapshotEveryUpdates,
        double snapshotEverySeconds,
        double intervalLevel,
        StreamingMode streamingMode,
        long effectiveDataSize,
        double tempering,
        int replayWindow,
        int replaySteps,
        double replayBudget,
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
        if (hidden == null) throw new IllegalArgumentException("hidden must be set (use [] for no hidden layer)");
        hidden = List.copyOf(hidden);
        Checks.atMost("number of hidden layers", hidden.size(), MAX_HIDDEN_LAYERS);
        for (int h : hidden) {
            Checks.atLeast("hidden width", h, 1);
            Checks.atMost("hidden width", h, MAX_WIDTH);
        }
        if (activation == null || prior == null || estimator == null || klMode == null || noiseModel == null
                || streamingMode == null) {
            throw new IllegalArgumentException("activation, prior, estimator, klMode, noiseModel and streamingMode must be set");
        }
        Checks.positive("muInitStd", muInitStd);
        Checks.finite("rhoInit", rhoInit);
        if (klMode == KlMode.ANALYTIC && !(prior instanceof PriorSpec.Gaussian)) {
            throw new IllegalArgumentException("klMode ANALYTIC needs a Gaussian prior; a scale mixture has no closed-form KL (use MONTE_CARLO)");
        }
        Checks.nonNegative("klWeight", klWeight);
        Checks.positive("noiseSigma", noiseSigma);
        if (!(noiseDegreesOfFreedom > 2)) {
            throw new IllegalArgumentException("noiseDegreesOfFreedom must be > 2 (Student-t with a finite variance) or "
                    + "infinite (Gaussian), got " + noiseDegreesOfFreedom);
        }
        Checks.positive("learningRate", learningRate);
        Checks.nonNegative("clipNorm", clipNorm);
        if (!(averagingDecay >= 0 && averagingDecay < 1)) {
            throw new IllegalArgumentException("averagingDecay must be in [0, 1) (0 = no averaging), got " + averagingDecay);
        }
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.atMost("batchSize", batchSize, MAX_BATCH);
        Checks.atLeast("stepsPerBatch", stepsPerBatch, 1);
        Checks.atMost("stepsPerBatch", stepsPerBatch, 1000);
        Checks.atLeast("trainSamples", trainSamples, 1);
        Checks.atMost("trainSamples", trainSamples, MAX_SAMPLES);
        Checks.atLeast("scoreSamples", scoreSamples, 1);
        Checks.atMost("scoreSamples", scoreSamples, MAX_SAMPLES);
        Checks.atLeast("snapshotEveryUpdates", snapshotEveryUpdates, 0);
        Checks.nonNegative("snapshotEverySeconds", snapshotEverySeconds);
        if (snapshotEveryUpdates == 0 && snapshotEverySeconds == 0) {
            throw new IllegalArgumentException("snapshotEveryUpdates and snapshotEverySeconds cannot both be 0: no snapshot would ever be published");
        }
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException("intervalLevel must be in (0, 1), got " + intervalLevel);
        }
        Checks.atLeast("effectiveDataSize", effectiveDataSize, 1);
        if (!(tempering >= 1) || !Double.isFinite(tempering)) {
            throw new IllegalArgumentException("tempering must be >= 1 and finite, got " + tempering);
        }
        Checks.atLeast("replayWindow", replayWindow, 0);
        Checks.atMost("replayWindow", replayWindow, MAX_REPLAY_WINDOW);
        Checks.atLeast("replaySteps", replaySteps, 0);
        Checks.atMost("replaySteps", replaySteps, 1000);
        if (!(replayBudget >= 0) || !Double.isFinite(replayBudget)) {
            throw new IllegalArgumentException("replayBudget must be >= 0 and finite, got " + replayBudget);
        }
        long params = parameterCount(features, hidden, outputs(task, classes, noiseModel));
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException("network has " + params + " weights and biases, more than the limit " + MAX_PARAMETERS);
        }
        if (fromWeights != null) {
            if (!(prior instanceof PriorSpec.Gaussian)) {
                throw new IllegalArgumentException("fromWeights needs a Gaussian prior (MOPED centres it on the weights), got " + prior);
            }
            fromWeights.checkShapes(layerWidths(features, hidden, outputs(task, classes, noiseModel)));
        }
    }

    /** This spec without {@link #fromWeights}: what a learner started from the weights keeps. */
    public ModelSpec withoutWeights() {
        return fromWeights == null ? this : toBuilder().fromWeights(null).build();
    }

    /**
     * The product default for a regression model with {@code features} inputs, used wherever a spec leaves a field
     * out (the trainer's default spec, {@code credence spec --new}, the demo, {@code credence eval}): two hidden layers
     * of 50, ReLU, an N(0, 1) prior, local reparameterisation, KL weight 0.4, heteroscedastic Student-t noise with 4
     * degrees of freedom, Adam at 0.003 with the gradient norm clipped at 100, Polyak averaging at 0.999, batches of
     * 32, and rehearsal of a window of up to 10,000 records with a budget of 1,600 rehearsed examples per record
     * learned. How it was chosen: docs/benchmarks.md, "How the default spec was chosen".
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

    /** Examples the replay window holds at most: min(replayWindow, effectiveDataSize). */
    public int replayCapacity() {
        return (int) Math.min(replayWindow, effectiveDataSize);
    }

    /** Network output width: 1 (regression), 2 (heteroscedastic regression: mean and log-variance) or classes. */
    public int outputs() {
        return outputs(task, classes, noiseModel);
    }

    /** Layer widths from input to output, e.g. [13, 50, 1]. */
    public int[] layerWidths() {
        return layerWidths(features, hidden, outputs());
    }

    private static int[] layerWidths(int features, List<Integer> hidden, int outputs) {
        int[] widths = new int[hidden.size() + 2];
        widths[0] = features;
        for (int i = 0; i < hidden.size(); i++) widths[i + 1] = hidden.get(i);
        widths[widths.length - 1] = outputs;
        return widths;
    }

    /** Number of weights and biases (each has a mu and a rho). */
    public long parameterCount() {
        return parameterCount(features, hidden, outputs());
    }

    /**
     * Why a posterior trained under this spec cannot continue under {@code next}, or empty when it can (a compatible
     * change: optimiser, parameter averaging, samples, cadence, KL weighting, interval level, seed).
     */
    public Optional<String> incompatibilityWith(ModelSpec next) {
        if (task != next.task) return Optional.of("task changed from " + task + " to " + next.task);
        if (classes != next.classes) return Optional.of("classes changed from " + classes + " to " + next.classes);
        if (features != next.features) return Optional.of("features changed from " + features + " to " + next.features);
        if (!hidden.equals(next.hidden)) return Optional.of("hidden layers changed from " + hidden + " to " + next.hidden);
        if (activation != next.activation) return Optional.of("activation changed from " + activation + " to " + next.activation);
        if (task == Task.REGRESSION && noiseModel != next.noiseModel) {
            return Optional.of("noise model changed from " + noiseModel + " to " + next.noiseModel);
        }
        if (!prior.equals(next.prior)) return Optional.of("prior changed from " + prior + " to " + next.prior);
        if (next.fromWeights != null && !next.fromWeights.equals(fromWeights)) {
            return Optional.of("the spec starts from the weights of a deterministic network");
        }
        return Optional.empty();
    }

    private static int outputs(Task task, int classes, NoiseModel noise) {
        if (task == Task.CLASSIFICATION) return classes;
        return noise == NoiseModel.HETEROSCEDASTIC ? 2 : 1;
    }

    private static long parameterCount(int features, List<Integer> hidden, int outputs) {
        long total = 0;
        int in = features;
        for (int h : hidden) {
            total += (long) in * h + h;
            in = h;
        }
        return total + (long) in * outputs + outputs;
    }

    /** Mutable builder whose fields start at the documented defaults. */
    public static final class Builder {
        private String modelId;
        private Task task;
        private int classes;
        private int features;
        private List<Integer> hidden = List.of(50, 50);
        private Activation activation = Activation.RELU;
        private PriorSpec prior = new PriorSpec.Gaussian(0.0, 1.0);
        private double muInitStd = 1.0;
        private double rhoInit = -5.0;
        private Estimator estimator = Estimator.LOCAL_REPARAMETERIZATION;
        private KlMode klMode = KlMode.ANALYTIC;
        private double klWeight = 0.4;
        private NoiseModel noiseModel = NoiseModel.HETEROSCEDASTIC;
        private double noiseSigma = 0.5;
        private double noiseDegreesOfFreedom = 4;
        private double learningRate = 0.003;
        private double clipNorm = 100;
        private double averagingDecay = 0.999;
        private int batchSize = 32;
        private int stepsPerBatch = 1;
        private int trainSamples = 1;
        private int scoreSamples = 100;
        private int snapshotEveryUpdates = 20;
        private double snapshotEverySeconds = 5.0;
        private double intervalLevel = 0.9;
        private StreamingMode streamingMode = StreamingMode.EFFECTIVE_DATA_SIZE;
        private long effectiveDataSize = 10_000;
        private double tempering = 1.0;
        private int replayWindow = 10_000;
        private int replaySteps = 0;
        private double replayBudget = 1600;
        private long seed = 42;
        private DeterministicWeights fromWeights;

        private Builder(String modelId, Task task, int classes, int features) {
            this.modelId = modelId;
            this.task = task;
            this.classes = classes;
            this.features = features;
        }

        private Builder(ModelSpec s) {
            modelId = s.modelId; task = s.task; classes = s.classes; features = s.features; hidden = s.hidden;
            activation = s.activation; prior = s.prior; muInitStd = s.muInitStd; rhoInit = s.rhoInit;
            estimator = s.estimator; klMode = s.klMode; klWeight = s.klWeight; noiseModel = s.noiseModel;
            noiseSigma = s.noiseSigma; noiseDegreesOfFreedom = s.noiseDegreesOfFreedom; learningRate = s.learningRate; clipNorm = s.clipNorm;
            averagingDecay = s.averagingDecay; batchSize = s.batchSize;
            stepsPerBatch = s.stepsPerBatch; trainSamples = s.trainSamples; scoreSamples = s.scoreSamples;
            snapshotEveryUpdates = s.snapshotEveryUpdates; snapshotEverySeconds = s.snapshotEverySeconds;
            intervalLevel = s.intervalLevel; streamingMode = s.streamingMode; effectiveDataSize = s.effectiveDataSize;
            tempering = s.tempering; replayWindow = s.replayWindow; replaySteps = s.replaySteps;
            replayBudget = s.replayBudget; seed = s.seed; fromWeights = s.fromWeights;
        }

        public Builder modelId(String v) { modelId = v; return this; }
        public Builder task(Task v, int nClasses) { task = v; classes = nClasses; return this; }
        public Builder features(int v) { features = v; return this; }
        public Builder hidden(Integer... v) { hidden = List.of(v); return this; }
        public Builder hidden(List<Integer> v) { hidden = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        /** Sets the prior; a scale mixture also switches the KL to Monte Carlo, its only option. */
        public Builder prior(PriorSpec v) {
            prior = v;
            if (v instanceof PriorSpec.ScaleMixture) klMode = KlMode.MONTE_CARLO;
            return this;
        }
        public Builder muInitStd(double v) { muInitStd = v; return this; }
        public Builder rhoInit(double v) { rhoInit = v; return this; }
        public Builder estimator(Estimator v) { estimator = v; return this; }
        public Builder klMode(KlMode v) { klMode = v; return this; }
        public Builder klWeight(double v) { klWeight = v; return this; }
        public Builder noise(NoiseModel model, double sigma) { noiseModel = model; noiseSigma = sigma; return this; }
        /** Student-t noise with {@code nu} degrees of freedom (&gt; 2); infinity (the default) is Gaussian noise. */
        public Builder noiseDegreesOfFreedom(double nu) { noiseDegreesOfFreedom = nu; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        /** Snapshot an exponential moving average of the parameters with this decay per update; 0 (the default) = off. */
        public Builder averagingDecay(double v) { averagingDecay = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder stepsPerBatch(int v) { stepsPerBatch = v; return this; }
        public Builder trainSamples(int v) { trainSamples = v; return this; }
        public Builder scoreSamples(int v) { scoreSamples = v; return this; }
        public Builder snapshotEvery(int updates, double seconds) { snapshotEveryUpdates = updates; snapshotEverySeconds = seconds; return this; }
        public Builder intervalLevel(double v) { intervalLevel = v; return this; }
        public Builder streaming(StreamingMode mode, long dataSize, double temperingFactor) {
            streamingMode = mode; effectiveDataSize = dataSize; tempering = temperingFactor; return this;
        }
        /**
         * Rehearsal: keep the last {@code window} records (at most effectiveDataSize), take {@code steps} SVI steps on
         * mini-batches drawn from them after each new mini-batch, and spend at most {@code budget} rehearsal examples
         * per record learned (the rest while the stream is quiet). {@code window} 0 turns rehearsal off.
         */
        public Builder replay(int window, int steps, double budget) {
            return replayWindow(window).replaySteps(steps).replayBudget(budget);
        }
        public Builder replayWindow(int v) { replayWindow = v; return this; }
        public Builder replaySteps(int v) { replaySteps = v; return this; }
        public Builder replayBudget(double v) { replayBudget = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** Start the posterior from a trained deterministic network (MOPED); null: from the random initialisation. */
        public Builder fromWeights(DeterministicWeights v) { fromWeights = v; return this; }

        public ModelSpec build() {
            return new ModelSpec(modelId, task, classes, features, hidden, activation, prior, muInitStd, rhoInit,
                    estimator, klMode, klWeight, noiseModel, noiseSigma, noiseDegreesOfFreedom, learningRate, clipNorm, averagingDecay, batchSize,
                    stepsPerBatch, trainSamples, scoreSamples, snapshotEveryUpdates, snapshotEverySeconds,
                    intervalLevel, streamingMode, effectiveDataSize, tempering, replayWindow, replaySteps, replayBudget, seed, fromWeights);
        }
    }
}
