package io.credence.bnn.model;

/**
 * The mean-field posterior of one dense layer, as plain float arrays: q(W) = N(weightMu, softplus(weightRho)^2),
 * q(b) = N(biasMu, softplus(biasRho)^2). Weights are [fanIn, fanOut] row-major.
 */
public record LayerPosterior(int fanIn, int fanOut, float[] weightMu, float[] weightRho, float[] biasMu, float[] biasRho) {
    public LayerPosterior {
        int w = fanIn * fanOut;
        if (weightMu.length != w || weightRho.length != w || biasMu.length != fanOut || biasRho.length != fanOut) {
            throw new IllegalArgumentException("layer [" + fanIn + "x" + fanOut + "] needs " + w + " weights and " + fanOut
                    + " biases, got weightMu " + weightMu.length + ", weightRho " + weightRho.length
                    + ", biasMu " + biasMu.length + ", biasRho " + biasRho.length);
        }
        weightMu = weightMu.clone();
        weightRho = weightRho.clone();
        biasMu = biasMu.clone();
        biasRho = biasRho.clone();
    }

    @Override public float[] weightMu() { return weightMu.clone(); }
    @Override public float[] weightRho() { return weightRho.clone(); }
    @Override public float[] biasMu() { return biasMu.clone(); }
    @Override public float[] biasRho() { return biasRho.clone(); }
}
