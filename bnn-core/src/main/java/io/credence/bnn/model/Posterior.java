package io.credence.bnn.model;

import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;

import java.util.List;

/**
 * An immutable export of a trained model: everything needed to sample its posterior predictive, nothing of the
 * optimiser. This is what a snapshot carries.
 *
 * @param spec          the spec it was trained under
 * @param layers        dense layers, input side first
 * @param noiseLogSigma log of the noise std in standardised target units (FIXED or HOMOSCEDASTIC regression), else NaN
 * @param logVarianceFloor HETEROSCEDASTIC regression: the lowest log-variance (standardised target units) predictions
 *                      may use, learned from the training batches ({@link io.credence.bnn.likelihood.HeteroscedasticLikelihood#nextFloor});
 *                      NaN otherwise, or before the first batch
 * @param inputs        feature standardiser
 * @param target        target standardiser (regression), or null (classification)
 * @param recordsSeen   records trained on
 * @param updates       mini-batch updates done
 */
public record Posterior(ModelSpec spec, List<LayerPosterior> layers, double noiseLogSigma, double logVarianceFloor,
                        StandardizerState inputs, StandardizerState target, long recordsSeen, long updates) {
    public Posterior {
        layers = List.copyOf(layers);
        int[] widths = spec.layerWidths();
        if (layers.size() != widths.length - 1) {
            throw new IllegalArgumentException("spec " + spec.modelId() + " has " + (widths.length - 1) + " layers, posterior has " + layers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerPosterior l = layers.get(i);
            if (l.fanIn() != widths[i] || l.fanOut() != widths[i + 1]) {
                throw new IllegalArgumentException("layer " + i + " is [" + l.fanIn() + "x" + l.fanOut() + "], spec says ["
                        + widths[i] + "x" + widths[i + 1] + "]");
            }
        }
        if (inputs.mean().length != spec.features()) {
            throw new IllegalArgumentException("input standardiser has " + inputs.mean().length + " columns, spec has " + spec.features() + " features");
        }
    }
}
