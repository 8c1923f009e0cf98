package io.credence.bnn.layer;

/**
 * Where each layer's weights and biases sit in the flat parameter vector of length {@link #size()}: layer l's weight
 * matrix [fanIn, fanOut] (row-major) starts at {@link #weightOffset(int)}, its bias [fanOut] at {@link #biasOffset(int)}.
 * Flat storage lets the optimiser, the KL and the sampler each run as one loop over all parameters.
 */
public final class ParameterLayout {
    private final int[] widths;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int size;

    /** @param widths layer widths from input to output, e.g. [13, 50, 1] */
    public ParameterLayout(int[] widths) {
        if (widths.length < 2) throw new IllegalArgumentException("need at least input and output widths, got " + widths.length);
        this.widths = widths.clone();
        int layers = widths.length - 1;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) widths[l] * widths[l + 1];
            biasOffsets[l] = (int) offset;
            offset += widths[l + 1];
        }
        if (offset > Integer.MAX_VALUE) throw new IllegalArgumentException("too many parameters: " + offset);
        size = (int) offset;
    }

    public int layers() { return widths.length - 1; }
    public int fanIn(int layer) { return widths[layer]; }
    public int fanOut(int layer) { return widths[layer + 1]; }
    public int weightOffset(int layer) { return weightOffsets[layer]; }
    public int biasOffset(int layer) { return biasOffsets[layer]; }
    /** Total number of weights and biases. */
    public int size() { return size; }
    public int[] widths() { return widths.clone(); }
}
