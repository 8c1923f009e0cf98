package io.credence.bnn.layer;

import io.credence.bnn.spec.Activation;

import java.nio.DoubleBuffer;

/**
 * Hidden nonlinearities applied in place; each derivative is expressed through the activation's output a. The values
 * are copied into heap scratch arrays, transformed there by branch-free loops the JIT vectorises, and copied back:
 * element-wise access to a direct buffer is neither vectorised nor branch-free, and about half the ReLU inputs are
 * negative, so a branch per element mispredicts half the time.
 */
final class ActivationFunction {
    private ActivationFunction() {}

    /** a = f(z) in place over n values; {@code scratch} holds at least n. */
    static void apply(Activation f, DoubleBuffer z, int n, double[] scratch) {
        z.get(0, scratch, 0, n);
        switch (f) {
            case RELU -> { for (int i = 0; i < n; i++) scratch[i] = Math.max(scratch[i], 0.0); }
            case TANH -> { for (int i = 0; i < n; i++) scratch[i] = Math.tanh(scratch[i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) scratch[i] = 1.0 / (1.0 + Math.exp(-scratch[i])); }
        }
        z.put(0, scratch, 0, n);
    }

    /** grad *= f'(z), with f'(z) written in terms of a = f(z); {@code aScratch} and {@code gScratch} hold at least n. */
    static void backprop(Activation f, DoubleBuffer a, DoubleBuffer grad, int n, double[] aScratch, double[] gScratch) {
        a.get(0, aScratch, 0, n);
        grad.get(0, gScratch, 0, n);
        switch (f) {
            case RELU -> { for (int i = 0; i < n; i++) gScratch[i] = aScratch[i] > 0 ? gScratch[i] : 0.0; }
            case TANH -> { for (int i = 0; i < n; i++) { double v = aScratch[i]; gScratch[i] *= 1 - v * v; } }
            case SIGMOID -> { for (int i = 0; i < n; i++) { double v = aScratch[i]; gScratch[i] *= v * (1 - v); } }
        }
        grad.put(0, gScratch, 0, n);
    }
}
