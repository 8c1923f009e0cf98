package io.credence.bnn.inference;

import io.credence.bnn.layer.BayesianMlp;
import io.credence.bnn.layer.ParameterLayout;
import io.credence.bnn.spec.Activation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scratch of one {@link Elbo#estimate}: the network's forward and backward arrays (float32 staging and per-batch
 * arrays, in a {@link BayesianMlp}) and the sigmas, their slopes in rho and a weight draw's noise, [parameters] each.
 * Nothing in it outlives an estimate, so every network of one shape on one thread shares one: a trainer task with
 * thousands of models keeps a workspace per shape instead of one per model, which is most of what a new learner used
 * to cost to create and keep.
 * At most {@value #SHAPES} shapes are kept per thread, the least recently used leaving first.
 */
final class ElboWorkspace {

    private static final int SHAPES = 32;

    private record Shape(List<Integer> widths, Activation activation) {}

    private static final ThreadLocal<Map<Shape, ElboWorkspace>> BY_THREAD = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Shape, ElboWorkspace> eldest) {
                    return size() > SHAPES;
                }
            });

    final BayesianMlp mlp;
    /** [parameters] the posterior's standard deviations, softplus(rho). */
    final double[] sigma;
    /** [parameters] d sigma / d rho. */
    final double[] sigmaSlope;
    /** [parameters] standard-normal noise of a weight draw. */
    final double[] eps;

    private ElboWorkspace(ParameterLayout layout, Activation activation) {
        this.mlp = new BayesianMlp(layout, activation);
        this.sigma = new double[layout.size()];
        this.sigmaSlope = new double[layout.size()];
        this.eps = new double[layout.size()];
    }

    /** This thread's workspace for networks laid out as {@code layout} with {@code activation}. */
    static ElboWorkspace of(ParameterLayout layout, Activation activation) {
        Shape shape = new Shape(Arrays.stream(layout.widths()).boxed().toList(), activation);
        return BY_THREAD.get().computeIfAbsent(shape, s -> new ElboWorkspace(layout, activation));
    }
}
