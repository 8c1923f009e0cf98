package io.credence.cli.posterior;

import io.credence.bnn.layer.Softplus;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The posterior of any model layer by layer, in network units (the weights act on standardised inputs and, for
 * regression, predict the standardised target): how far each layer's weights stand from zero relative to their
 * posterior std, and draws of every weight and bias.
 */
public final class LayeredPosterior implements ParameterDraws {

    /**
     * One layer's weights (biases left out) in summary.
     *
     * @param index            layer index, input side first
     * @param fanIn            inputs of the layer
     * @param fanOut           units of the layer
     * @param meanAbsMu        mean over the weights of |mu|
     * @param meanSigma        mean of sigma = softplus(rho)
     * @param meanSnr          mean of the signal-to-noise ratio |mu| / sigma
     * @param fractionSnrBelow1 fraction of weights with |mu| / sigma &lt; 1: those whose posterior does not exclude 0
     *                         at one std, candidates for pruning
     */
    public record LayerSummary(int index, int fanIn, int fanOut, double meanAbsMu, double meanSigma, double meanSnr,
                               double fractionSnrBelow1) {
        /** Number of weights, fanIn x fanOut. */
        public int weights() {
            return fanIn * fanOut;
        }
    }

    private final List<LayerPosterior> layers;
    /** Per layer: the weights' then the biases' mu, in the flat order of the draws. */
    private final List<double[]> mu = new ArrayList<>();
    /** Per layer: the matching sigma = softplus(rho). */
    private final List<double[]> sigma = new ArrayList<>();

    private LayeredPosterior(Posterior posterior) {
        this.layers = posterior.layers();
        for (LayerPosterior layer : layers) {
            mu.add(concat(layer.weightMu(), layer.biasMu(), false));
            sigma.add(concat(layer.weightRho(), layer.biasRho(), true));
        }
    }

    /** The layers of {@code posterior}. */
    public static LayeredPosterior of(Posterior posterior) {
        return new LayeredPosterior(posterior);
    }

    /** A summary per layer, input side first. */
    public List<LayerSummary> summaries() {
        List<LayerSummary> out = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            LayerPosterior layer = layers.get(l);
            float[] mu = layer.weightMu();
            float[] rho = layer.weightRho();
            double absMu = 0, sigma = 0, snr = 0;
            int weak = 0;
            for (int i = 0; i < mu.length; i++) {
                double m = Math.abs(mu[i]);
                double s = Softplus.value(rho[i]);
                double ratio = m / s;
                absMu += m;
                sigma += s;
                snr += ratio;
                if (ratio < 1) weak++;
            }
            int n = mu.length;
            out.add(new LayerSummary(l, layer.fanIn(), layer.fanOut(), absMu / n, sigma / n, snr / n, (double) weak / n));
        }
        return out;
    }

    /** {@code layerL.w[i][j]} (input i, unit j) for every weight, then {@code layerL.b[j]}, layer by layer. */
    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerPosterior layer = layers.get(l);
            for (int i = 0; i < layer.fanIn(); i++) {
                for (int j = 0; j < layer.fanOut(); j++) names.add("layer" + l + ".w[" + i + "][" + j + "]");
            }
            for (int j = 0; j < layer.fanOut(); j++) names.add("layer" + l + ".b[" + j + "]");
        }
        return names;
    }

    @Override
    public void draw(Random rng, double[] out) {
        int k = 0;
        for (int l = 0; l < mu.size(); l++) {
            double[] m = mu.get(l);
            double[] s = sigma.get(l);
            for (int i = 0; i < m.length; i++) out[k++] = m[i] + s[i] * rng.nextGaussian();
        }
    }

    private static double[] concat(float[] weights, float[] biases, boolean softplus) {
        double[] out = new double[weights.length + biases.length];
        for (int i = 0; i < out.length; i++) {
            double v = i < weights.length ? weights[i] : biases[i - weights.length];
            out[i] = softplus ? Softplus.value(v) : v;
        }
        return out;
    }
}
