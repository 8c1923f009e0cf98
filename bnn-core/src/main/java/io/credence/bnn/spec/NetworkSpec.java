package io.credence.bnn.spec;

import java.util.List;

/**
 * The network of a {@link ModelSpec} between its inputs and its outputs.
 *
 * @param hidden     hidden layer widths, input side first; empty means Bayesian linear (logistic) regression
 * @param activation hidden nonlinearity
 */
public record NetworkSpec(List<Integer> hidden, Activation activation) {

    /** Two hidden layers of 50, ReLU. */
    public static final NetworkSpec DEFAULT = new NetworkSpec(List.of(50, 50), Activation.RELU);

    public NetworkSpec {
        if (hidden == null) throw new IllegalArgumentException("hidden must be set (use [] for no hidden layer)");
        hidden = List.copyOf(hidden);
        Checks.atMost("number of hidden layers", hidden.size(), ModelSpec.MAX_HIDDEN_LAYERS);
        for (int h : hidden) {
            Checks.atLeast("hidden width", h, 1);
            Checks.atMost("hidden width", h, ModelSpec.MAX_WIDTH);
        }
        if (activation == null) throw new IllegalArgumentException("activation must be set");
    }

    public NetworkSpec withHidden(Integer... widths) { return withHidden(List.of(widths)); }
    public NetworkSpec withHidden(List<Integer> widths) { return new NetworkSpec(widths, activation); }
    public NetworkSpec withActivation(Activation v) { return new NetworkSpec(hidden, v); }

    /** This section's settings (see {@link SpecSettings}). */
    NetworkSpec settings(SpecSettings s) {
        return new NetworkSpec(s.wholes("hidden", hidden), s.choice("activation", activation));
    }
}
