package io.credence.bench.e2e;

import io.credence.avro.PosteriorSnapshot;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.PosteriorCodec;

import java.util.List;

/**
 * A posterior trained briefly on {@link RowSource} rows, so the scorer benchmarks score with realistic weights and
 * standardisers rather than an untrained initialisation; one posterior can be published under many model ids and
 * versions.
 */
public final class TrainedPosterior {
    /** Mini-batches of 32 learned before the posterior is exported. */
    static final int BATCHES = 20;
    private final Posterior posterior;

    private TrainedPosterior(Posterior posterior) {
        this.posterior = posterior;
    }

    /**
     * A {@code features}-{@code hidden}-1 regression posterior whose spec scores with {@code scoreSamples} draws.
     */
    public static TrainedPosterior train(int features, List<Integer> hidden, int scoreSamples, long seed) {
        ModelSpec spec = ModelSpec.regression("m0", features).network(n -> n.withHidden(hidden))
                .scoring(sc -> sc.withScoreSamples(scoreSamples)).seed(seed).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        RowSource rows = new RowSource(features, seed);
        for (int b = 0; b < BATCHES; b++) {
            double[][] x = new double[32][];
            double[] y = new double[32];
            for (int i = 0; i < 32; i++) {
                x[i] = rows.nextFeatures();
                y[i] = rows.label(x[i]);
            }
            learner.learn(x, y, null);
        }
        return new TrainedPosterior(learner.posterior());
    }

    /** The snapshot of this posterior as model {@code modelId}, version {@code version}. */
    public PosteriorSnapshot snapshot(String modelId, long version) {
        PosteriorSnapshot s = PosteriorCodec.toAvro(posterior, version, System.currentTimeMillis(), null);
        s.setModelId(modelId);
        s.getSpec().setModelId(modelId);
        return s;
    }
}
