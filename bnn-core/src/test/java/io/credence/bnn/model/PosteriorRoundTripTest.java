package io.credence.bnn.model;

import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Export, import, export gives the same float32 bits. */
class PosteriorRoundTripTest {
    @Test
    void exportImportIsBitExact() {
        ModelSpec spec = ClassicSpecs.regression("rt", 2).network(n -> n.withHidden(5, 4))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.3)).seed(3).build();
        OnlineLearner learner = OnlineLearner.create(spec);
        Random r = new Random(1);
        double[][] x = new double[32][2];
        double[] y = new double[32];
        for (int i = 0; i < 32; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            y[i] = x[i][0];
        }
        learner.learn(x, y, null);
        Posterior once = learner.posterior();
        Posterior twice = BayesianNetwork.fromPosterior(once).export(once.logVarianceFloor(), once.inputs(), once.target(), once.recordsSeen(), once.updates());
        for (int l = 0; l < once.layers().size(); l++) {
            assertThat(twice.layers().get(l).weightMu()).containsExactly(once.layers().get(l).weightMu());
            assertThat(twice.layers().get(l).weightRho()).containsExactly(once.layers().get(l).weightRho());
            assertThat(twice.layers().get(l).biasMu()).containsExactly(once.layers().get(l).biasMu());
            assertThat(twice.layers().get(l).biasRho()).containsExactly(once.layers().get(l).biasRho());
        }
        assertThat(twice.noiseLogSigma()).isEqualTo(once.noiseLogSigma());
    }
}
