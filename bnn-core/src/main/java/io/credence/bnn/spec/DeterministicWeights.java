package io.credence.bnn.spec;

import java.util.Arrays;
import java.util.List;

/**
 * A trained deterministic network that a model's posterior starts from (MOPED, Krishnan et al. 2020): its weights in
 * PyTorch's layout, the relative posterior std, and the scaling its inputs and target were trained with. The learner
 * standardises inputs and target with exactly that scaling (kept fixed), so that before any update the Bayesian
 * network's predictive mean is the deterministic network's output on raw inputs, up to the posterior's spread.
 *
 * @param weights     per layer, input side first: [out][in], as {@code torch.nn.Linear.weight}
 * @param biases      per layer: [out]
 * @param delta       posterior std of each parameter = delta * |its value| (MOPED's delta), &gt; 0
 * @param inputMean   [features] the input scaler's means (0 for an unscaled network)
 * @param inputScale  [features] the input scaler's scales (1 for an unscaled network), each &gt; 0
 * @param targetMean  the target scaler's mean (regression; 0 unscaled or for a classifier)
 * @param targetScale the target scaler's scale (regression; 1 unscaled or for a classifier), &gt; 0
 */
public record DeterministicWeights(List<double[][]> weights, List<double[]> biases, double delta, double[] inputMean,
                                   double[] inputScale, double targetMean, double targetScale) {

    /** Copies the arrays and checks values; shapes are checked against a spec's layers by {@link #checkShapes}. */
    public DeterministicWeights {
        if (weights == null || biases == null || weights.isEmpty() || weights.size() != biases.size()) {
            throw new IllegalArgumentException("fromWeights needs one weight matrix and one bias vector per layer");
        }
        weights = weights.stream().map(w -> Arrays.stream(w).map(double[]::clone).toArray(double[][]::new)).toList();
        biases = biases.stream().map(double[]::clone).toList();
        inputMean = inputMean.clone();
        inputScale = inputScale.clone();
        if (!(delta > 0) || !Double.isFinite(delta)) throw new IllegalArgumentException("fromWeights delta must be > 0, got " + delta);
        if (inputMean.length != inputScale.length) {
            throw new IllegalArgumentException("fromWeights inputMean has " + inputMean.length + " values but inputScale " + inputScale.length);
        }
        for (int j = 0; j < inputMean.length; j++) {
            Checks.finite("fromWeights inputMean", inputMean[j]);
            Checks.positive("fromWeights inputScale", inputScale[j]);
        }
        Checks.finite("fromWeights targetMean", targetMean);
        Checks.positive("fromWeights targetScale", targetScale);
        for (double[][] w : weights) for (double[] row : w) for (double v : row) Checks.finite("fromWeights weight", v);
        for (double[] b : biases) for (double v : b) Checks.finite("fromWeights bias", v);
    }

    /** Checks that the layers are [widths[l+1]][widths[l]] with biases [widths[l+1]], naming the first mismatch. */
    void checkShapes(int[] widths) {
        if (weights.size() != widths.length - 1) {
            throw new IllegalArgumentException("fromWeights has " + weights.size() + " layers but the network " + Arrays.toString(widths)
                    + " has " + (widths.length - 1));
        }
        if (inputMean.length != widths[0]) {
            throw new IllegalArgumentException("fromWeights scales " + inputMean.length + " inputs but the network has " + widths[0]);
        }
        for (int l = 0; l < weights.size(); l++) {
            double[][] w = weights.get(l);
            int in = widths[l];
            boolean rows = w.length == widths[l + 1] && Arrays.stream(w).allMatch(r -> r.length == in);
            if (!rows || biases.get(l).length != widths[l + 1]) {
                throw new IllegalArgumentException("fromWeights layer " + l + " must be weight [" + widths[l + 1] + "][" + widths[l]
                        + "] (out x in, PyTorch's layout) and bias [" + widths[l + 1] + "] for the network " + Arrays.toString(widths));
            }
        }
    }

    /** Layer {@code l}'s weights as [in][out], the core's layout. */
    public double[][] weightsInByOut(int l) {
        double[][] w = weights.get(l);
        double[][] t = new double[w[0].length][w.length];
        for (int o = 0; o < w.length; o++) for (int i = 0; i < w[o].length; i++) t[i][o] = w[o][i];
        return t;
    }

    @Override
    public List<double[][]> weights() {
        return weights.stream().map(w -> Arrays.stream(w).map(double[]::clone).toArray(double[][]::new)).toList();
    }

    @Override
    public List<double[]> biases() {
        return biases.stream().map(double[]::clone).toList();
    }

    @Override
    public double[] inputMean() {
        return inputMean.clone();
    }

    @Override
    public double[] inputScale() {
        return inputScale.clone();
    }

    /** Equal when every value is (the arrays compared by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeterministicWeights d && delta == d.delta && targetMean == d.targetMean
                && targetScale == d.targetScale && Arrays.equals(inputMean, d.inputMean) && Arrays.equals(inputScale, d.inputScale)
                && Arrays.deepEquals(weights.toArray(), d.weights.toArray()) && Arrays.deepEquals(biases.toArray(), d.biases.toArray());
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {weights.toArray(), biases.toArray(), delta, inputMean, inputScale, targetMean, targetScale});
    }

    @Override
    public String toString() {
        return "DeterministicWeights[" + weights.size() + " layers, delta " + delta + "]";
    }
}
