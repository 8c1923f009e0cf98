package io.credence.bnn.model;

import io.credence.bnn.layer.GaussianSource;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.likelihood.HomoscedasticLikelihood;
import io.credence.bnn.likelihood.Likelihood;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * A Bayesian MLP's variational posterior: the spec, where each layer sits in the flat vectors, and the trainable
 * {@link ParameterVector}. Converts to and from the immutable {@link Posterior} export.
 */
public final class BayesianNetwork {
    private final ModelSpec spec;
    private final ParameterLayout layout;
    private final Likelihood likelihood;
    private final ParameterVector params;

    private BayesianNetwork(ModelSpec spec, ParameterVector params) {
        this.spec = spec;
        this.layout = new ParameterLayout(spec.layerWidths());
        this.likelihood = Likelihood.of(spec);
        if (params.mu.length != layout.size() || params.likelihood.length != likelihood.parameters()) {
            throw new IllegalArgumentException("spec " + spec.modelId() + " needs " + layout.size() + " weights and "
                    + likelihood.parameters() + " likelihood parameters, got " + params.mu.length + " and " + params.likelihood.length);
        }
        this.params = params;
    }

    /**
     * A fresh posterior: weight means N(0, (muInitStd / sqrt(fanIn))^2), bias means 0, every rho = rhoInit, a learned
     * noise scale at log(noiseSigma); draws seeded by the spec.
     */
    public static BayesianNetwork initialise(ModelSpec spec) {
        ParameterLayout layout = new ParameterLayout(spec.layerWidths());
        ParameterVector p = new ParameterVector(layout.size(), 0);
        p = new ParameterVector(p.mu, p.rho, Likelihood.initialParameters(spec));
        GaussianSource rng = new GaussianSource(GaussianSource.mix(spec.seed(), -1));
        for (int l = 0; l < layout.layers(); l++) {
            double std = spec.variational().muInitStd() / Math.sqrt(layout.fanIn(l));
            int w0 = layout.weightOffset(l);
            for (int i = 0; i < layout.fanIn(l) * layout.fanOut(l); i++) p.mu[w0 + i] = std * rng.nextGaussian();
        }
        java.util.Arrays.fill(p.rho, spec.variational().rhoInit());
        return new BayesianNetwork(spec, p);
    }

    /** A network holding the values of {@code posterior} (float32 widened to double, exactly). */
    public static BayesianNetwork fromPosterior(Posterior posterior) {
        ModelSpec spec = posterior.spec();
        ParameterLayout layout = new ParameterLayout(spec.layerWidths());
        double[] lik = Likelihood.initialParameters(spec);
        if (lik.length == 1) lik[0] = posterior.noiseLogSigma();
        ParameterVector p = new ParameterVector(new double[layout.size()], new double[layout.size()], lik);
        for (int l = 0; l < layout.layers(); l++) {
            LayerPosterior lp = posterior.layers().get(l);
            copy(lp.weightMu(), p.mu, layout.weightOffset(l));
            copy(lp.weightRho(), p.rho, layout.weightOffset(l));
            copy(lp.biasMu(), p.mu, layout.biasOffset(l));
            copy(lp.biasRho(), p.rho, layout.biasOffset(l));
        }
        return new BayesianNetwork(spec, p);
    }

    /** A network over existing parameters (used when restoring a learner). */
    public static BayesianNetwork of(ModelSpec spec, ParameterVector params) {
        return new BayesianNetwork(spec, params);
    }

    private static void copy(float[] src, double[] dst, int offset) {
        for (int i = 0; i < src.length; i++) dst[offset + i] = src[i];
    }

    public ModelSpec spec() { return spec; }
    public ParameterLayout layout() { return layout; }
    public Likelihood likelihood() { return likelihood; }
    /** The live trainable parameters (mutated by the optimiser). */
    public ParameterVector parameters() { return params; }

    /** log noise std in standardised units for FIXED/HOMOSCEDASTIC regression, NaN otherwise. */
    public double noiseLogSigma() {
        if (spec.task() == Task.REGRESSION && spec.likelihood().noiseModel() != NoiseModel.HETEROSCEDASTIC) {
            return ((HomoscedasticLikelihood) likelihood).logSigma(params.likelihood);
        }
        return Double.NaN;
    }

    /** The immutable export of the current values, rounded to float32, with the learner's log-variance floor. */
    public Posterior export(double logVarianceFloor, StandardizerState inputs, StandardizerState target, long recordsSeen,
                            long updates) {
        List<LayerPosterior> layers = new ArrayList<>();
        for (int l = 0; l < layout.layers(); l++) {
            int w0 = layout.weightOffset(l), b0 = layout.biasOffset(l), nw = layout.fanIn(l) * layout.fanOut(l), nb = layout.fanOut(l);
            layers.add(new LayerPosterior(layout.fanIn(l), layout.fanOut(l), floats(params.mu, w0, nw), floats(params.rho, w0, nw),
                    floats(params.mu, b0, nb), floats(params.rho, b0, nb)));
        }
        return new Posterior(spec, layers, noiseLogSigma(), logVarianceFloor, inputs, target, recordsSeen, updates);
    }

    private static float[] floats(double[] src, int offset, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) src[offset + i];
        return out;
    }
}
