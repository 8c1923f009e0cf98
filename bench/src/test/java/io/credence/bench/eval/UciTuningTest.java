package io.credence.bench.eval;

import io.credence.bnn.spec.Activation;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UciTuningTest {

    @Test
    void aCandidateNameSpellsOutItsChanges() {
        UciTuning.Candidate c = UciTuning.Candidate.parse("e400,kl=0.3,lr=0.003,hidden=50x50,prior=0.5,est=reparam,batch=16");
        assertThat(c.passes()).isEqualTo(400);
        ModelSpec s = c.change().apply(EvalDefaults.spec(8).toBuilder()).build();
        assertThat(s.variational().klWeight()).isEqualTo(0.3);
        assertThat(s.optimiser().learningRate()).isEqualTo(0.003);
        assertThat(s.network().hidden()).isEqualTo(List.of(50, 50));
        assertThat(s.variational().prior()).isEqualTo(new PriorSpec.Gaussian(0, 0.5));
        assertThat(s.variational().estimator()).isEqualTo(Estimator.REPARAMETERIZATION);
        assertThat(s.optimiser().batchSize()).isEqualTo(16);
        assertThat(UciTuning.Candidate.parse("kl=1").passes()).isEqualTo(EvalDefaults.PASSES);
        assertThat(UciTuning.Candidate.parse("p3").passes()).isEqualTo(3);
        ModelSpec replay = UciTuning.Candidate.parse("rb=800,rs=2,rw=500").change().apply(EvalDefaults.spec(8).toBuilder()).build();
        assertThat(List.of(replay.streaming().replayBudget(), (double) replay.streaming().replaySteps(),
                (double) replay.streaming().replayWindow()))
                .containsExactly(800.0, 2.0, 500.0);
        ModelSpec het = UciTuning.Candidate.parse("lik=het").change().apply(EvalDefaults.spec(8).toBuilder()).build();
        assertThat(het.likelihood().noiseModel()).isEqualTo(NoiseModel.HETEROSCEDASTIC);
        assertThat(het.outputs()).isEqualTo(2);
        assertThat(UciTuning.Candidate.parse("nu=3").change().apply(EvalDefaults.spec(8).toBuilder()).build()
                .likelihood().noiseDegreesOfFreedom()).isEqualTo(3);
        assertThat(UciTuning.Candidate.parse("nu=inf").change().apply(EvalDefaults.spec(8).toBuilder()).build()
                .likelihood().noiseDegreesOfFreedom()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(UciTuning.Candidate.parse("avg=0.99").change().apply(EvalDefaults.spec(8).toBuilder()).build()
                .optimiser().averagingDecay()).isEqualTo(0.99);
        ModelSpec mixture = UciTuning.Candidate.parse("act=tanh,mix=1").change().apply(EvalDefaults.spec(8).toBuilder()).build();
        assertThat(mixture.network().activation()).isEqualTo(Activation.TANH);
        assertThat(mixture.variational().prior()).isEqualTo(new PriorSpec.ScaleMixture(0.5, 1, Math.exp(-6)));
        assertThat(mixture.variational().klMode()).isEqualTo(KlMode.MONTE_CARLO);
    }

    @Test
    void aScreenRunsTheNamedSetsOnly() {
        assertThat(UciTuning.datasets("concrete,bostonHousing")).containsExactly("concrete", "bostonHousing");
        assertThatThrownBy(() -> UciTuning.datasets("concrete,boston")).hasMessageContaining("unknown data set boston");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> UciTuning.Candidate.parse("e40,dropout=0.1")).hasMessageContaining("unknown candidate key dropout");
        assertThatThrownBy(() -> UciTuning.Candidate.parse("e40,kl")).hasMessageContaining("not eN or key=value");
        assertThatThrownBy(() -> UciTuning.Candidate.parse("lik=student").change().apply(EvalDefaults.spec(8).toBuilder()))
                .hasMessageContaining("lik must be homo or het");
    }
}
