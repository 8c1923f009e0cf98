package io.credence.bnn.layer;

import io.credence.bnn.spec.Activation;

import java.nio.DoubleBuffer;

/** Hidden nonlinearities applied in place; each derivative is expressed through the activation's output a. */
final class ActivationFunction {
    private ActivationFunction() {}

    /** a = f(z) in place over n values. */
    static void apply(Activation f, DoubleBuffer z, int n) {
        switch (f) {
            case RELU -> { for (int i = 0; i < n; i++) if (z.get(i) < 0) z.put(i, 0.0); }
            case TANH -> { for (int i = 0; i < n; i++) z.put(i, Math.tanh(z.get(i))); }
            case SIGMOID -> { for (int i = 0; i < n; i++) z.put(i, 1.0 / (1.0 + Math.exp(-z.get(i)))); }
        }
    }

    /** grad *= f'(z), with f'(z) written in terms of a = f(z). */
    static void backprop(Activation f, DoubleBuffer a, DoubleBuffer grad, int n) {
        switch (f) {
            case RELU -> { for (int i = 0; i < n; i++) if (a.get(i) <= 0) grad.put(i, 0.0); }
            case TANH -> { for (int i = 0; i < n; i++) { double v = a.get(i); grad.put(i, grad.get(i) * (1 - v * v)); } }
            case SIGMOID -> { for (int i = 0; i < n; i++) { double v = a.get(i); grad.put(i, grad.get(i) * v * (1 - v)); } }
        }
    }
}
