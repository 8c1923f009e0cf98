package io.credence.bnn.predictive;

import io.credence.bnn.data.Standardizer;
import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.likelihood.HeteroscedasticLikelihood;
import io.credence.bnn.likelihood.NoiseDistribution;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.Task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A posterior decoded once into a ready-to-sample model. {@link #predict} is a pure function of (posterior, seed,
 * input, samples): the S weight draws come from a {@link SampleBank} seeded by (seed, S) and shared by every call, so
 * the same arguments give the same summary whether they come from a stream or from HTTP, in any batch. Thread-safe.
 */
public final class Predictor {
    /** Quantile levels reported when the caller names none. */
    public static final double[] DEFAULT_QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    /** Banks kept per predictor (one per distinct S asked for). */
    private static final int MAX_BANKS = 4;

    private final Posterior posterior;
    private final ModelSpec spec;
    /** Regression: the unit noise of every Monte Carlo component. */
    private final NoiseDistribution noise;
    private final long seed;
    private final ParameterLayout layout;
    private final double[] mu;
    private final double[] sigma;
    private final double[] inputMean;
    private final double[] inputStd;
    private final double targetMean;
    private final double targetStd;
    private final Map<Integer, SampleBank> banks = new ConcurrentHashMap<>();
    private final SampleBankBudget budget;

    private Predictor(Posterior posterior, long seed, SampleBankBudget budget) {
        this.budget = budget;
        this.posterior = posterior;
        this.spec = posterior.spec();
        this.noise = NoiseDistribution.of(spec.likelihood().noiseDegreesOfFreedom());
        this.seed = seed;
        this.layout = new ParameterLayout(spec.layerWidths());
        this.mu = new double[layout.size()];
        this.sigma = new double[layout.size()];
        for (int l = 0; l < layout.layers(); l++) {
            LayerPosterior lp = posterior.layers().get(l);
            fill(lp.weightMu(), lp.weightRho(), layout.weightOffset(l));
            fill(lp.biasMu(), lp.biasRho(), layout.biasOffset(l));
        }
        Standardizer in = new Standardizer(posterior.inputs());
        inputMean = new double[spec.features()];
        inputStd = new double[spec.features()];
        for (int j = 0; j < spec.features(); j++) {
            inputMean[j] = in.mean(j);
            inputStd[j] = in.std(j);
        }
        if (posterior.target() != null) {
            Standardizer t = new Standardizer(posterior.target());
            targetMean = t.mean(0);
            targetStd = t.std(0);
        } else {
            targetMean = 0;
            targetStd = 1;
        }
    }

    private void fill(float[] m, float[] rho, int offset) {
        for (int i = 0; i < m.length; i++) {
            mu[offset + i] = m[i];
            sigma[offset + i] = Softplus.value(rho[i]);
        }
    }

    /** Decodes {@code posterior}; its draws are seeded by {@code seed}. */
    public static Predictor of(Posterior posterior, long seed) {
        return new Predictor(posterior, seed, SampleBankBudget.NONE);
    }

    /** As {@link #of(Posterior, long)}, its sample banks held within {@code budget}, shared with other predictors. */
    public static Predictor of(Posterior posterior, long seed, SampleBankBudget budget) {
        return new Predictor(posterior, seed, budget);
    }

    public ModelSpec spec() { return spec; }
    public long seed() { return seed; }
    public Posterior posterior() { return posterior; }

    /** Summaries with the spec's interval level and {@link #DEFAULT_QUANTILES}. */
    public PredictiveSummary[] predict(double[][] features, int samples) {
        return predict(features, samples, DEFAULT_QUANTILES);
    }

    /**
     * Predictive summaries of a micro-batch of raw inputs.
     *
     * @param features       [batch][features] raw inputs, already checked by {@link io.credence.bnn.data.InputCheck}
     * @param samples        Monte Carlo draws S (1..ModelSpec.MAX_SAMPLES)
     * @param quantileLevels quantile levels in (0, 1) to report (regression)
     */
    public PredictiveSummary[] predict(double[][] features, int samples, double[] quantileLevels) {
        Draws d = draw(features, samples);
        PredictiveSummary[] out = new PredictiveSummary[features.length];
        for (int b = 0; b < features.length; b++) {
            out[b] = spec.task() == Task.CLASSIFICATION ? classification(d, b) : regression(mixture(d, b), samples, quantileLevels);
        }
        return out;
    }

    /**
     * A predictive summary and, when they were asked for, the per-draw outputs it was computed from.
     *
     * @param summary the prediction, identical to {@link #predict}'s for the same arguments
     * @param draws   what each of the S weight draws predicts, or null when not asked for
     */
    public record Scored(PredictiveSummary summary, PredictiveDraws draws) {
    }

    /**
     * As {@link #predict(double[][], int, double[])}, and for each row whose {@code withDraws} is set, what each of the
     * S weight draws predicts ({@link PredictiveDraws}), from the same draws as its summary. Rows without the flag cost
     * what they cost in {@code predict}.
     *
     * @param withDraws [batch] whether to return the per-draw outputs of each row
     */
    public Scored[] predictWithDraws(double[][] features, int samples, double[] quantileLevels, boolean[] withDraws) {
        if (withDraws.length != features.length) {
            throw new IllegalArgumentException(features.length + " rows but " + withDraws.length + " draw flags");
        }
        Draws d = draw(features, samples);
        Scored[] out = new Scored[features.length];
        for (int b = 0; b < features.length; b++) {
            if (spec.task() == Task.CLASSIFICATION) {
                double[][] probabilities = drawProbabilities(d, b);
                PredictiveSummary summary = classification(probabilities);
                PredictiveDraws draws = null;
                if (withDraws[b]) {
                    double[] means = new double[samples];
                    for (int s = 0; s < samples; s++) means[s] = probabilities[s][summary.predictedClass()];
                    draws = new PredictiveDraws(means, null, probabilities);
                }
                out[b] = new Scored(summary, draws);
            } else {
                double[] means = new double[samples];
                double[] scales = new double[samples];
                components(d, b, means, scales);
                PredictiveSummary summary = regression(new PredictiveMixture(noise, means, scales), samples, quantileLevels);
                out[b] = new Scored(summary, withDraws[b] ? new PredictiveDraws(means, scales, null) : null);
            }
        }
        return out;
    }

    /**
     * log p(y | x) under the predictive (regression: the Gaussian mixture over draws, in target units; classification:
     * log of the mean probability of class y).
     */
    public double[] logDensity(double[][] features, double[] labels, int samples) {
        return evaluate(features, labels, samples, new double[0]).logDensities();
    }

    /** Summaries and log predictive densities of labeled inputs from one set of draws: what held-out evaluation needs. */
    public Evaluation evaluate(double[][] features, double[] labels, int samples, double[] quantileLevels) {
        requireOneLabelPerRow(features, labels);
        Draws d = draw(features, samples);
        PredictiveSummary[] summaries = new PredictiveSummary[features.length];
        double[] logDensities = new double[features.length];
        for (int b = 0; b < features.length; b++) {
            if (spec.task() == Task.CLASSIFICATION) {
                summaries[b] = classification(d, b);
                logDensities[b] = logProbabilityOf(summaries[b].classProbabilities(), labels[b]);
            } else {
                PredictiveMixture mix = mixture(d, b);
                summaries[b] = regression(mix, d.samples, quantileLevels);
                logDensities[b] = mix.logDensity(labels[b]);
            }
        }
        return new Evaluation(summaries, logDensities);
    }

    /** Summaries and log predictive densities of labeled inputs, row for row. */
    public record Evaluation(PredictiveSummary[] summaries, double[] logDensities) {
    }

    /**
     * How each label fares under the predictive: what prequential scoring needs, at a fraction of {@link #evaluate}'s
     * cost because no quantile is solved. A label lies inside the central interval at level L exactly when the
     * predictive CDF at the label is within [(1 - L) / 2, (1 + L) / 2].
     */
    public LabelScore[] scoreLabels(double[][] features, double[] labels, int samples) {
        requireOneLabelPerRow(features, labels);
        Draws d = draw(features, samples);
        LabelScore[] out = new LabelScore[features.length];
        for (int b = 0; b < features.length; b++) {
            if (spec.task() == Task.CLASSIFICATION) {
                double[] p = classification(d, b).classProbabilities();
                out[b] = new LabelScore(Double.NaN, Double.NaN, logProbabilityOf(p, labels[b]), Double.NaN, p);
            } else {
                PredictiveMixture mix = mixture(d, b);
                out[b] = new LabelScore(mix.mean(), Math.sqrt(mix.variance()), mix.logDensity(labels[b]),
                        mix.tabulatedCdf(labels[b]), null);
            }
        }
        return out;
    }

    /**
     * One labeled input under the predictive.
     *
     * @param mean               predictive mean (regression; NaN for classifiers)
     * @param std                predictive std (regression)
     * @param logDensity         log p(label | x): the mixture density, or the log mean probability of the class
     * @param cdf                predictive CDF at the label (regression)
     * @param classProbabilities mean class probabilities (classification; null for regression)
     */
    public record LabelScore(double mean, double std, double logDensity, double cdf, double[] classProbabilities) {
        /** Whether the label lies inside the central predictive interval at {@code level}. */
        public boolean insideInterval(double level) {
            return cdf >= (1 - level) / 2 && cdf <= (1 + level) / 2;
        }
    }

    /** Network outputs of every draw: value (row b, draw s, output o) at (b * samples + s) * width + o. */
    private record Draws(double[] outputs, int samples, int batch, int width) {
        double get(int s, int b, int o) { return outputs[(b * samples + s) * width + o]; }
    }

    private Draws draw(double[][] features, int samples) {
        if (samples < 1 || samples > ModelSpec.MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be in 1.." + ModelSpec.MAX_SAMPLES + ", got " + samples);
        }
        int batch = features.length;
        double[] x = new double[batch * spec.features()];
        for (int b = 0; b < batch; b++) {
            if (features[b].length != spec.features()) {
                throw new IllegalArgumentException("row " + b + " has " + features[b].length + " features, model "
                        + spec.modelId() + " expects " + spec.features());
            }
            for (int j = 0; j < spec.features(); j++) x[b * spec.features() + j] = (features[b][j] - inputMean[j]) / inputStd[j];
        }
        return new Draws(bank(samples).forward(x, batch), samples, batch, spec.outputs());
    }

    private SampleBank bank(int samples) {
        SampleBank bank = banks.get(samples);
        if (bank != null) {
            budget.used(this, samples);
            return bank;
        }
        if (banks.size() >= MAX_BANKS) {
            for (Integer s : banks.keySet()) dropBank(s);
        }
        // Drawn outside the map's compute: the budget may drop banks of this predictor while admitting it.
        SampleBank drawn = new SampleBank(layout, spec.network().activation(), mu, sigma, samples, GaussianSource.mix(seed, samples));
        SampleBank raced = banks.putIfAbsent(samples, drawn);
        if (raced != null) return raced;
        budget.added(this, samples, drawn.bytes());
        return drawn;
    }

    /** Drops the bank of {@code samples} draws, if held; it is drawn again, identically, when next needed. */
    void dropBank(int samples) {
        if (banks.remove(samples) != null) budget.removed(this, samples);
    }

    private PredictiveMixture mixture(Draws d, int b) {
        double[] means = new double[d.samples];
        double[] sds = new double[d.samples];
        components(d, b, means, sds);
        return new PredictiveMixture(noise, means, sds);
    }

    /** Each draw's predictive mean and noise scale for row b, in target units: the mixture's components. */
    private void components(Draws d, int b, double[] means, double[] sds) {
        double noiseSd = spec.likelihood().noiseModel() == NoiseModel.HETEROSCEDASTIC ? Double.NaN
                : Math.exp(posterior.noiseLogSigma()) * targetStd;
        for (int s = 0; s < d.samples; s++) {
            means[s] = d.get(s, b, 0) * targetStd + targetMean;
            sds[s] = Double.isNaN(noiseSd)
                    ? Math.exp(0.5 * HeteroscedasticLikelihood.predictiveLogVariance(d.get(s, b, 1), posterior.logVarianceFloor())) * targetStd
                    : noiseSd;
        }
    }

    private PredictiveSummary regression(PredictiveMixture mix, int samples, double[] levels) {
        double level = spec.scoring().intervalLevel();
        double lower = mix.quantile((1 - level) / 2);
        double upper = mix.quantile((1 + level) / 2);
        double[] q = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            // The interval's ends are often among the levels (0.05 and 0.95 by default): solve each level once.
            q[i] = Math.abs(levels[i] - (1 - level) / 2) < 1e-12 ? lower : Math.abs(levels[i] - (1 + level) / 2) < 1e-12 ? upper
                    : mix.quantile(levels[i]);
        }
        return new PredictiveSummary(mix.mean(), Math.sqrt(mix.variance()), Math.sqrt(mix.meanVariance()),
                Math.sqrt(mix.noiseVariance()), level, lower, upper, levels.clone(), q, null, -1, Double.NaN, Double.NaN, samples);
    }

    private static void requireOneLabelPerRow(double[][] features, double[] labels) {
        if (labels.length != features.length) {
            throw new IllegalArgumentException(features.length + " rows but " + labels.length + " labels");
        }
    }

    /** log p(class {@code label}), floored so that a class the model rules out costs a finite log-loss. */
    private static double logProbabilityOf(double[] probabilities, double label) {
        return Math.log(Math.max(probabilities[(int) label], Double.MIN_NORMAL));
    }

    private double[] softmax(Draws d, int s, int b) {
        int c = spec.classes();
        double[] p = new double[c];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) max = Math.max(max, d.get(s, b, k));
        double sum = 0;
        for (int k = 0; k < c; k++) {
            p[k] = Math.exp(d.get(s, b, k) - max);
            sum += p[k];
        }
        for (int k = 0; k < c; k++) p[k] /= sum;
        return p;
    }

    private PredictiveSummary classification(Draws d, int b) {
        return classification(drawProbabilities(d, b));
    }

    /** Each draw's class probabilities for row b: [S][classes]. */
    private double[][] drawProbabilities(Draws d, int b) {
        double[][] probs = new double[d.samples][];
        for (int k = 0; k < d.samples; k++) probs[k] = softmax(d, k, b);
        return probs;
    }

    private PredictiveSummary classification(double[][] probs) {
        int c = spec.classes(), s = probs.length;
        double[] mean = new double[c];
        double expectedEntropy = 0;
        for (int k = 0; k < s; k++) {
            expectedEntropy += entropy(probs[k]) / s;
            for (int j = 0; j < c; j++) mean[j] += probs[k][j] / s;
        }
        int best = 0;
        for (int j = 1; j < c; j++) if (mean[j] > mean[best]) best = j;
        double var = 0;
        double[] pBest = new double[s];
        for (int k = 0; k < s; k++) {
            pBest[k] = probs[k][best];
            var += (pBest[k] - mean[best]) * (pBest[k] - mean[best]) / s;
        }
        java.util.Arrays.sort(pBest);
        double level = spec.scoring().intervalLevel();
        double lower = empiricalQuantile(pBest, (1 - level) / 2);
        double upper = empiricalQuantile(pBest, (1 + level) / 2);
        double h = entropy(mean);
        return new PredictiveSummary(mean[best], Math.sqrt(var), Math.sqrt(var), 0.0, level, lower, upper,
                new double[0], new double[0], mean, best, h, Math.max(0, h - expectedEntropy), s);
    }

    private static double empiricalQuantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    static double entropy(double[] p) {
        double h = 0;
        for (double v : p) if (v > 0) h -= v * Math.log(v);
        return h;
    }
}
