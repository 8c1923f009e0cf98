package io.credence.schemas.codec;

import io.credence.bnn.inference.LearnerState;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.data.StandardizerState;

import static org.assertj.core.api.Assertions.assertThat;

/** Bit-exact comparison of core posteriors and learner states, whose arrays records do not compare by value. */
final class PosteriorAssert {

    private PosteriorAssert() {}

    static void assertSamePosterior(Posterior actual, Posterior expected) {
        assertThat(actual.spec()).isEqualTo(expected.spec());
        assertThat(actual.layers()).hasSameSizeAs(expected.layers());
        for (int i = 0; i < expected.layers().size(); i++) {
            LayerPosterior a = actual.layers().get(i);
            LayerPosterior e = expected.layers().get(i);
            assertThat(a.fanIn()).as("layer %d fanIn", i).isEqualTo(e.fanIn());
            assertThat(a.fanOut()).as("layer %d fanOut", i).isEqualTo(e.fanOut());
            assertSameBits("layer " + i + " weightMu", a.weightMu(), e.weightMu());
            assertSameBits("layer " + i + " weightRho", a.weightRho(), e.weightRho());
            assertSameBits("layer " + i + " biasMu", a.biasMu(), e.biasMu());
            assertSameBits("layer " + i + " biasRho", a.biasRho(), e.biasRho());
        }
        assertThat(Double.doubleToRawLongBits(actual.noiseLogSigma())).as("noiseLogSigma")
                .isEqualTo(Double.doubleToRawLongBits(expected.noiseLogSigma()));
        assertThat(Double.doubleToRawLongBits(actual.logVarianceFloor())).as("logVarianceFloor")
                .isEqualTo(Double.doubleToRawLongBits(expected.logVarianceFloor()));
        assertSameStandardizer("inputs", actual.inputs(), expected.inputs());
        if (expected.target() == null) {
            assertThat(actual.target()).isNull();
        } else {
            assertSameStandardizer("target", actual.target(), expected.target());
        }
        assertThat(actual.recordsSeen()).isEqualTo(expected.recordsSeen());
        assertThat(actual.updates()).isEqualTo(expected.updates());
    }

    static void assertSameState(LearnerState actual, LearnerState expected) {
        assertSamePosterior(actual.posterior(), expected.posterior());
        assertThat(actual.adamStep()).isEqualTo(expected.adamStep());
        assertSameBits("adamM", actual.adamM(), expected.adamM());
        assertSameBits("adamV", actual.adamV(), expected.adamV());
        assertSameBits("priorMean", actual.priorMean(), expected.priorMean());
        assertSameBits("priorSigma", actual.priorSigma(), expected.priorSigma());
        assertThat(actual.recordsSincePriorRefresh()).isEqualTo(expected.recordsSincePriorRefresh());
        assertThat(actual.prequential()).containsExactly(expected.prequential());
        assertThat(actual.rejectedSteps()).isEqualTo(expected.rejectedSteps());
        assertSameBits("averageParameters", actual.averageParameters(), expected.averageParameters());
        assertThat(actual.replayCredit()).as("replayCredit").isEqualTo(expected.replayCredit());
    }

    static void assertSameBits(String what, float[] actual, float[] expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("%s[%d]", what, i).isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }

    private static void assertSameStandardizer(String what, StandardizerState actual, StandardizerState expected) {
        assertThat(actual.count()).as(what + " count").isEqualTo(expected.count());
        assertThat(actual.mean()).as(what + " mean").containsExactly(expected.mean());
        assertThat(actual.m2()).as(what + " m2").containsExactly(expected.m2());
    }
}
