package io.credence.bnn.inference;

import io.credence.bnn.Backend;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.likelihood.HeteroscedasticLikelihood;
import io.credence.bnn.metrics.Prequential;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.model.Moped;
import io.credence.bnn.model.ParameterVector;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.optim.Adam;
import io.credence.bnn.optim.ParameterAverage;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.data.Standardizer;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.prior.Prior;
import io.credence.bnn.prior.ScaleMixturePrior;
import io.credence.bnn.spec.DeterministicWeights;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.OptimiserSpec;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import io.credence.bnn.spec.StreamingSpec;
import io.credence.bnn.spec.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Online Bayes by Backprop for one model. Call order: {@link #create} (or {@link #restore}),
 * then {@link #learn} for each mini-batch, which (1) scores the batch prequentially with the current posterior,
 * (2) folds it into the input and target standardisers, (3) takes the spec's SVI steps with Adam (and, for a
 * heteroscedastic model, moves the predictive log-variance floor), (4) with a spec averagingDecay folds the new
 * parameters into their Polyak average ({@link ParameterAverage}), which is then what {@link #posterior} exports,
 * (5) adds the batch to the {@link ReplayWindow} and to the replay budget, (6) in posterior-as-prior mode refreshes the
 * prior every effectiveDataSize records (the budget lapses with it: those records are in the prior), and (7) takes the
 * spec's replaySteps rehearsal steps. {@link #replay} takes one more rehearsal step
 * (what a trainer does while the stream is quiet) until the replay budget is spent. {@link #posterior} and
 * {@link #state} export snapshots and checkpoints. Every
 * random draw of update u, step k is seeded from (spec seed, u, k), so restoring a state and learning the same batches
 * repeats the same computation. Not thread-safe: one learner per stream task.
 *
 * <p>Rehearsed examples are not new evidence: they never count in records seen, in the KL's N or in the prequential
 * metrics; they only let the optimiser take more steps on the posterior of the records already seen, as several passes
 * over a finite data set would.
 */
public final class OnlineLearner {
    /** Monte Carlo draws used to score each batch prequentially. */
    public static final int PREQUENTIAL_SAMPLES = 10;
    /** Stream id of the rehearsal draws, mixed with the spec seed. */
    private static final long REPLAY_STREAM = 0x5E1EC7L;
    /** Pseudo-records of a standardiser held at a deterministic network's scaling (about 1.1e12). */
    private static final long FIXED_COUNT = 1L << 40;

    private ModelSpec spec;
    private BayesianNetwork network;
    private Svi svi;
    private final Adam adam;
    private Prior prior;
    private boolean priorFromPosterior;
    private final Standardizer inputs;
    private final Standardizer target;
    private final Prequential prequential;
    private long recordsSeen;
    private long updates;
    private long recordsSincePriorRefresh;
    private long rejectedSteps;
    /** Heteroscedastic regression: the predictive log-variance floor ({@link HeteroscedasticLikelihood#nextFloor}). */
    private double logVarianceFloor = Double.NaN;
    /** Null when the spec's averagingDecay is 0. */
    private ParameterAverage average;
    private ReplayWindow window;
    /** Rehearsal examples still allowed (spec replayBudget per record learned, capped). */
    private double replayCredit;

    private OnlineLearner(ModelSpec spec, BayesianNetwork network, Adam adam, Prior prior, boolean priorFromPosterior,
                          Standardizer inputs, Standardizer target, Prequential prequential) {
        Backend.describe();
        this.spec = spec;
        this.network = network;
        this.adam = adam;
        this.svi = new Svi(network, adam);
        this.prior = prior;
        this.priorFromPosterior = priorFromPosterior;
        this.inputs = inputs;
        this.target = target;
        this.prequential = prequential;
        double decay = spec.optimiser().averagingDecay();
        this.average = decay > 0 ? new ParameterAverage(decay) : null;
        this.window = new ReplayWindow(spec.streaming().replayCapacity());
    }

    /**
     * A fresh learner: posterior initialised from the spec and its seed, prior from the spec; or, for a spec with
     * {@link ModelSpec#fromWeights}, started from those weights with MOPED ({@link Moped}: posterior means the weights,
     * stds delta * |w|, the prior centred on them) and the inputs and target standardised with the deterministic
     * network's own scaling, held fixed, so that the network computes what it computed before. The learner's spec is
     * the spec without the weights.
     */
    public static OnlineLearner create(ModelSpec spec) {
        DeterministicWeights weights = spec.fromWeights();
        if (weights == null) {
            BayesianNetwork net = BayesianNetwork.initialise(spec);
            return fresh(spec, net, specPrior(spec, net.layout().size()), false, StandardizerState.empty(spec.features()),
                    StandardizerState.empty(1));
        }
        ModelSpec own = spec.withoutWeights();
        List<double[][]> inByOut = new ArrayList<>();
        for (int l = 0; l < weights.weights().size(); l++) inByOut.add(weights.weightsInByOut(l));
        Moped moped = Moped.from(own, inByOut, weights.biases(), weights.delta());
        return fresh(own, BayesianNetwork.of(own, moped.parameters()), moped.prior(), true,
                fixed(weights.inputMean(), weights.inputScale()),
                fixed(new double[] {weights.targetMean()}, new double[] {weights.targetScale()}));
    }

    /**
     * A standardiser state that standardises with these means and scales and that further data leaves where it is:
     * it counts {@value #FIXED_COUNT} pseudo-records, so a record moves a mean by at most 1e-12 of its deviation.
     */
    private static StandardizerState fixed(double[] mean, double[] scale) {
        double[] m2 = new double[scale.length];
        for (int j = 0; j < m2.length; j++) m2[j] = scale[j] * scale[j] * FIXED_COUNT;
        return new StandardizerState(FIXED_COUNT, mean, m2);
    }

    private static OnlineLearner fresh(ModelSpec spec, BayesianNetwork net, Prior prior, boolean customPrior,
                                       StandardizerState inputs, StandardizerState target) {
        OptimiserSpec o = spec.optimiser();
        return new OnlineLearner(spec, net, new Adam(net.parameters(), o.learningRate(), o.clipNorm()), prior,
                customPrior, new Standardizer(inputs),
                spec.task() == Task.REGRESSION ? new Standardizer(target) : null,
                new Prequential(spec.task()));
    }

    /** A learner that continues exactly from {@code state}. */
    public static OnlineLearner restore(LearnerState state) {
        Posterior post = state.posterior();
        ModelSpec spec = post.spec();
        BayesianNetwork net = BayesianNetwork.fromPosterior(post);
        ParameterVector p = net.parameters();
        ParameterVector m = ParameterVector.fromFloats(p.mu.length, p.likelihood.length, state.adamM());
        ParameterVector v = ParameterVector.fromFloats(p.mu.length, p.likelihood.length, state.adamV());
        Adam adam = new Adam(spec.optimiser().learningRate(), spec.optimiser().clipNorm(), state.adamStep(), m, v);
        boolean custom = state.priorMean() != null;
        Prior prior = custom ? GaussianPrior.of(widen(state.priorMean()), widen(state.priorSigma())) : specPrior(spec, p.mu.length);
        OnlineLearner learner = new OnlineLearner(spec, net, adam, prior, custom, new Standardizer(post.inputs()),
                post.target() == null ? null : new Standardizer(post.target()),
                Prequential.restore(spec.task(), state.prequential()));
        learner.recordsSeen = post.recordsSeen();
        learner.updates = post.updates();
        learner.recordsSincePriorRefresh = state.recordsSincePriorRefresh();
        learner.rejectedSteps = state.rejectedSteps();
        learner.logVarianceFloor = post.logVarianceFloor();
        learner.window = ReplayWindow.restore(spec.streaming().replayCapacity(), state.replayWindow());
        learner.replayCredit = state.replayCredit();

        if (learner.average != null && state.averageParameters() != null) {
            learner.average = new ParameterAverage(spec.optimiser().averagingDecay(),
                    ParameterVector.fromFloats(p.mu.length, p.likelihood.length, state.averageParameters()));
        }
        return learner;
    }

    private static Prior specPrior(ModelSpec spec, int size) {
        PriorSpec prior = spec.variational().prior();
        if (prior instanceof PriorSpec.Gaussian g) return GaussianPrior.isotropic(size, g.mean(), g.sigma());
        PriorSpec.ScaleMixture s = (PriorSpec.ScaleMixture) prior;
        return new ScaleMixturePrior(s.pi(), s.sigma1(), s.sigma2());
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    /**
     * Learns from one mini-batch given in raw units. {@code weights} may be null (all 1). The rows must have passed
     * {@link io.credence.bnn.data.InputCheck}. A step whose loss, gradient or parameters are not finite, or whose
     * parameters overflow float32 (the precision of snapshots and checkpoints), rejects the whole batch: the learner is left exactly as before the call and {@link StepReport#accepted()} is false.
     *
     * @param features [batch][features] raw inputs
     * @param labels   [batch] raw targets, or class indices
     * @param weights  [batch] per-example likelihood weights, or null
     */
    public StepReport learn(double[][] features, double[] labels, double[] weights) {
        int batch = features.length;
        if (batch == 0 || labels.length != batch || (weights != null && weights.length != batch)) {
            throw new IllegalArgumentException("batch needs >= 1 rows and as many labels and weights: rows " + batch
                    + ", labels " + labels.length + ", weights " + (weights == null ? "none" : weights.length));
        }
        double[] w = weights != null ? weights : filled(batch, 1.0);

        // Snapshot of everything the batch may change, restored if a step goes non-finite.
        ParameterVector paramsBefore = network.parameters().copy();
        ParameterVector mBefore = adam.m().copy(), vBefore = adam.v().copy();
        long tBefore = adam.t();
        StandardizerState inBefore = inputs.state();
        StandardizerState targetBefore = target == null ? null : target.state();
        double[] prequentialBefore = prequential.state();

        // Prequential scoring reads an immutable export of the posterior before this batch, so it runs in the common
        // pool, on another core, while the steps below change the live parameters; its scores are counted once both
        // are done. If no pool thread took it by then, join() runs it here.
        Predictor before = Predictor.of(posterior(), GaussianSource.mix(spec.seed() ^ 0x5EED, updates));
        ForkJoinTask<Predictor.LabelScore[]> scoring =
                ForkJoinPool.commonPool().submit(() -> before.scoreLabels(features, labels, PREQUENTIAL_SAMPLES));
        inputs.update(features);
        if (target != null) target.update(labels);

        Steps steps = steps(features, labels, w, recordsInScope() + batch, spec.optimiser().stepsPerBatch());
        ElboEstimate estimate = steps.estimate;
        boolean accepted = steps.accepted;
        addToPrequential(scoring.join(), labels);
        if (!accepted) {
            network.parameters().assign(paramsBefore);
            adam.restore(tBefore, mBefore, vBefore);
            inputs.restore(inBefore);
            if (target != null) target.restore(targetBefore);
            prequential.restore(prequentialBefore);
            rejectedSteps++;
            return report(false, estimate, batch);
        }
        applied(steps);
        recordsSeen += batch;
        recordsSincePriorRefresh += batch;
        window.addAll(features, labels, weights);
        StreamingSpec streaming = spec.streaming();
        replayCredit = Math.min(replayCredit + streaming.replayBudget() * batch, streaming.replayBudget() * window.capacity());
        if (streaming.streamingMode() == StreamingMode.POSTERIOR_AS_PRIOR
                && recordsSincePriorRefresh >= streaming.effectiveDataSize()) {
            refreshPrior();
        }
        for (int k = 0; k < streaming.replaySteps() && replay(); k++) {
            // each call is one rehearsal step
        }
        return report(true, estimate, batch);
    }

    /**
     * One rehearsal step: an SVI step on a mini-batch of the spec's size drawn uniformly from the replay window (in
     * posterior-as-prior mode only from the records since the last prior refresh, which the prior does not yet hold),
     * with the KL weighted for the records seen, not the ones rehearsed. It spends a batch of the replay budget even
     * when the step is rejected for a non-finite loss, which leaves the learner as before. Rehearsal stops by a rule
     * of its own: the budget, replayBudget examples per record learned, is spent.
     *
     * @return false, having done nothing, when the budget is spent or nothing can be rehearsed
     */
    public boolean replay() {
        int eligible = replayable();
        if (eligible == 0) return false;
        int b = spec.optimiser().batchSize();
        ReplayWindow.Example[] drawn = window.sample(b, eligible, new SplittableRandom(GaussianSource.mix(spec.seed() ^ REPLAY_STREAM, updates)));
        double[][] x = new double[b][];
        double[] y = new double[b], w = new double[b];
        for (int i = 0; i < b; i++) {
            x[i] = drawn[i].features();
            y[i] = drawn[i].label();
            w[i] = drawn[i].weight();
        }
        replayCredit -= b;
        ParameterVector paramsBefore = network.parameters().copy();
        ParameterVector mBefore = adam.m().copy(), vBefore = adam.v().copy();
        long tBefore = adam.t();
        Steps steps = steps(x, y, w, recordsInScope(), 1);
        if (steps.accepted) {
            applied(steps);
        } else {
            network.parameters().assign(paramsBefore);
            adam.restore(tBefore, mBefore, vBefore);
            rejectedSteps++;
        }
        return true;
    }

    /** Whether {@link #replay} would take a step: budget left and examples to rehearse. */
    public boolean canReplay() {
        return replayable() > 0;
    }

    /** Rehearsal examples still allowed by the budget. */
    public double replayCredit() {
        return replayCredit;
    }

    /** The examples kept for rehearsal (read-only use: a trainer mirrors them into its store). */
    public ReplayWindow replayWindow() {
        return window;
    }

    /** Newest window examples rehearsal may draw from, or 0 when it cannot go on. */
    private int replayable() {
        if (replayCredit <= 0) return 0;
        int eligible = (int) (spec.streaming().streamingMode() == StreamingMode.POSTERIOR_AS_PRIOR
                ? Math.min(window.size(), recordsSincePriorRefresh) : window.size());
        return eligible;
    }

    private long recordsInScope() {
        return spec.streaming().streamingMode() == StreamingMode.POSTERIOR_AS_PRIOR
                ? recordsSincePriorRefresh : recordsSeen;
    }

    /** The outcome of {@link #steps}. */
    private record Steps(ElboEstimate estimate, boolean accepted, double minLogVariance) {}

    /**
     * {@code count} SVI steps of update {@link #updates} on a batch in raw units, standardised with the current
     * standardisers, the KL weighted for {@code inScope} records. Stops at the first rejected step.
     */
    private Steps steps(double[][] features, double[] labels, double[] w, long inScope, int count) {
        int batch = features.length;
        double[] xs = new double[batch * spec.features()];
        double[] ys = new double[batch];
        for (int b = 0; b < batch; b++) {
            double[] z = inputs.transform(features[b]);
            System.arraycopy(z, 0, xs, b * spec.features(), z.length);
            ys[b] = target == null ? labels[b] : (labels[b] - target.mean(0)) / target.std(0);
        }
        double klScale = KlWeighting.scale(spec, inScope, batch);
        ElboEstimate estimate = null;
        boolean accepted = true;
        double minLogVariance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < count && accepted; k++) {
            estimate = svi.step(xs, ys, w, prior, klScale, GaussianSource.mix(spec.seed(), updates * 1024 + k));
            minLogVariance = Math.min(minLogVariance, estimate.minLogVariance());
            // Snapshots and checkpoints keep float32: a finite double beyond its range would publish as infinite.
            accepted = svi.lastStepApplied() && network.parameters().fitsFloat32();
        }
        return new Steps(estimate, accepted, minLogVariance);
    }

    /** Counts accepted steps as one update: moves the log-variance floor and the Polyak average. */
    private void applied(Steps steps) {
        if (!Double.isNaN(steps.minLogVariance)) logVarianceFloor = HeteroscedasticLikelihood.nextFloor(logVarianceFloor, steps.minLogVariance);
        updates++;
        if (average != null) average.update(network.parameters(), updates);
    }

    /** Variational continual learning: the prior becomes N(mu, tempering * sigma^2) of the current posterior. */
    private void refreshPrior() {
        ParameterVector p = network.parameters();
        double[] sigma = new double[p.rho.length];
        double widen = Math.sqrt(spec.streaming().tempering());
        for (int i = 0; i < sigma.length; i++) sigma[i] = Softplus.value(p.rho[i]) * widen;
        prior = GaussianPrior.of(p.mu, sigma);
        priorFromPosterior = true;
        recordsSincePriorRefresh = 0;
        replayCredit = 0; // the records that earned it are in the prior now, and none is left to rehearse
    }

    private void addToPrequential(Predictor.LabelScore[] scores, double[] labels) {
        for (int b = 0; b < labels.length; b++) {
            Predictor.LabelScore s = scores[b];
            if (spec.task() == Task.CLASSIFICATION) {
                prequential.addClassification((int) labels[b], s.classProbabilities());
            } else {
                prequential.addRegression(labels[b], s.mean(), s.std(), s.logDensity(),
                        s.insideInterval(spec.scoring().intervalLevel()));
            }
        }
    }

    private StepReport report(boolean accepted, ElboEstimate e, int batch) {
        double elboValue = e == null ? Double.NaN : e.elbo();
        return new StepReport(accepted, elboValue, e == null ? Double.NaN : e.kl(), e == null ? Double.NaN : e.nll(), batch,
                prequential.cumulative(), prequential.decayed(), recordsSeen, updates, rejectedSteps);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Applies a spec that {@link ModelSpec#incompatibilityWith} accepts (learning rate, samples, cadence...). */
    public void updateSpec(ModelSpec compatible) {
        spec.incompatibilityWith(compatible).ifPresent(why -> {
            throw new IllegalArgumentException("spec change for " + spec.modelId() + " needs a new posterior: " + why);
        });
        spec = compatible;
        network = BayesianNetwork.of(compatible, network.parameters());
        svi = new Svi(network, adam);
        OptimiserSpec optimiser = compatible.optimiser();
        adam.setLearningRate(optimiser.learningRate());
        adam.setClipNorm(optimiser.clipNorm());
        if (compatible.streaming().replayCapacity() != window.capacity()) {
            window = new ReplayWindow(compatible.streaming().replayCapacity());
            replayCredit = 0;
        }
        replayCredit = Math.min(replayCredit, compatible.streaming().replayBudget() * window.capacity());
        if (optimiser.averagingDecay() == 0) average = null;
        else if (average == null) average = new ParameterAverage(optimiser.averagingDecay());
        else average.setDecay(optimiser.averagingDecay());
    }

    public ModelSpec spec() { return spec; }
    public long recordsSeen() { return recordsSeen; }
    public long updates() { return updates; }
    public long rejectedSteps() { return rejectedSteps; }

    /** The current prior (the spec's, MOPED's, or the last posterior in posterior-as-prior mode). */
    public Prior prior() { return prior; }

    /**
     * The posterior to publish, as an immutable export: the Polyak average of the parameters when the spec asks for
     * one and an update has been made, the live parameters otherwise.
     */
    public Posterior posterior() {
        ParameterVector averaged = averagedParameters();
        return export(averaged == null ? network : BayesianNetwork.of(spec, averaged));
    }

    /** The Polyak average, or null when averaging is off or no update has been made. */
    private ParameterVector averagedParameters() {
        return average == null ? null : average.parameters();
    }

    private Posterior export(BayesianNetwork net) {
        return net.export(logVarianceFloor, inputs.state(), target == null ? null : target.state(), recordsSeen, updates);
    }

    /**
     * A deep copy of the learner state, for checkpoints: everything but the replay window's examples, which a
     * checkpoint written per update cannot afford to copy; {@link #replayWindow} gives them.
     */
    public LearnerState state() {
        float[] priorMean = null, priorSigma = null;
        if (priorFromPosterior) {
            GaussianPrior g = (GaussianPrior) prior;
            priorMean = narrow(g.means());
            priorSigma = narrow(g.sigmas());
        }
        ParameterVector averaged = averagedParameters();
        return new LearnerState(export(network), adam.t(), adam.m().toFloats(), adam.v().toFloats(), priorMean, priorSigma,
                recordsSincePriorRefresh, prequential.state(), rejectedSteps, averaged == null ? null : averaged.toFloats(),
                replayCredit, List.of());
    }
}
