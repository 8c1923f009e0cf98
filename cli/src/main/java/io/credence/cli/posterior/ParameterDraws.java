package io.credence.cli.posterior;

import java.util.List;
import java.util.Random;

/** Draws of a model's parameters from its mean-field Gaussian posterior, one named value per parameter. */
public interface ParameterDraws {

    /** The name of every value of a draw, in order. */
    List<String> parameterNames();

    /**
     * One draw into {@code out} (of length {@code parameterNames().size()}), using {@code rng}'s next standard normal
     * draws, one per variational parameter in the flat order of {@link io.credence.bnn.layer.ParameterLayout}.
     */
    void draw(Random rng, double[] out);
}
