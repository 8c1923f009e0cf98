package io.credence.bnn.layer;

/**
 * The matrix product every forward and backward pass of Credence runs on (Monte Carlo scoring and SVI training alike):
 * one dense layer of one weight draw for a block of rows, with rows as the vector lanes ("transposed" activations,
 * [unit][row]) and weights by output unit (w[j][i]): z[j][r] = b[j] + sum_i w[j][i] * h[i][r], for j < b.length, i < fanIn and r < {@link #span}(rows),
 * each sum taken as fused multiply-adds in the order i = 0, 1, ... from b[j], then max(z, 0) where a ReLU follows. Every kernel follows that order, so all
 * give bit-identical outputs, and a row's outputs never depend on the rows beside it. Lanes past {@code rows} are
 * computed too, from whatever h holds there, and are not read.
 */
public sealed interface DenseKernel permits PlainDenseKernel, VectorDenseKernel {

    /** The module that holds the Vector API: resolved when the JVM runs with --add-modules jdk.incubator.vector. */
    String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * The fastest kernel this JVM can run, chosen once: the Vector API's where its module is resolved, plain Java
     * otherwise. Training and scoring both run on it.
     */
    static DenseKernel best() {
        return ChosenKernel.INSTANCE;
    }

    /** The plain-Java kernel: what {@link #best} gives without the module, bit-identical to every other kernel. */
    static DenseKernel plain() {
        return PlainDenseKernel.INSTANCE;
    }

    /** Rows per vector: h's and z's rows must hold {@link #span}(rows) floats. */
    int lanes();

    /** {@code rows} rounded up to whole vectors: the floats of each h and z row that {@link #apply} reads or writes. */
    default int span(int rows) {
        return (rows + lanes() - 1) / lanes() * lanes();
    }

    /** z[j][r] for j < b.length and r < span(rows), then {@code Math.max(z, 0f)} if {@code relu}; reads h[i] for i < fanIn. */
    void apply(float[][] h, int rows, int fanIn, float[][] w, float[] b, boolean relu, float[][] z);

    /** What it runs on, for logs: e.g. "Vector API, 512-bit". */
    String description();
}

/** Holds {@link DenseKernel#best}'s choice, made when first asked (a field of the interface could deadlock class loading). */
final class ChosenKernel {
    static final DenseKernel INSTANCE = ModuleLayer.boot().findModule(DenseKernel.VECTOR_MODULE).isPresent()
            ? VectorDenseKernel.INSTANCE : PlainDenseKernel.INSTANCE;

    private ChosenKernel() {}
}
