package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.schemas.Samples;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.credence.schemas.codec.PosteriorAssert.assertSamePosterior;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosteriorCodecTest {

    @Test
    void aRegressionPosteriorRoundTripsBitExactlyThroughSnapshotBytes() throws DecodeException {
        Posterior posterior = withSpecialFloats(Samples.posterior(Samples.regressionSpec(), new Random(3)));
        TrainingMetrics metrics = MetricsCodec.toAvro("house-prices", 4, Samples.stepReport(new Random(4)), Samples.TIME);

        byte[] bytes = AvroCodecs.posteriorSnapshot().encode(PosteriorCodec.toAvro(posterior, 5, Samples.TIME, metrics));
        PosteriorSnapshot decoded = AvroCodecs.posteriorSnapshot().decode(bytes);

        assertSamePosterior(PosteriorCodec.toCore(decoded), posterior);
        assertThat(decoded.getModelId()).isEqualTo("house-prices");
        assertThat(decoded.getVersion()).isEqualTo(5);
        assertThat(decoded.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(Samples.TIME));
        assertThat(decoded.getMetrics()).isEqualTo(metrics);
        assertThat(decoded.getNoiseLogSigma()).isEqualTo(posterior.noiseLogSigma());
        assertThat(decoded.getLayers().get(0).getWeightMu().getShape()).containsExactly(3, 4);
        assertThat(decoded.getLayers().get(1).getBiasRho().getShape()).containsExactly(1);
    }

    @Test
    void aHeteroscedasticPosteriorKeepsItsLogVarianceFloorAndHasNoNoiseScale() throws DecodeException {
        Posterior posterior = Samples.posterior(ModelSpec.regression("het", 3).network(n -> n.withHidden(4))
                .likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 1.0)).build(), new Random(5));

        PosteriorSnapshot avro = PosteriorCodec.toAvro(posterior, 2, Samples.TIME, null);
        Posterior back = PosteriorCodec.toCore(AvroCodecs.posteriorSnapshot().decode(AvroCodecs.posteriorSnapshot().encode(avro)));

        assertThat(posterior.logVarianceFloor()).isFinite();
        assertThat(avro.getLogVarianceFloor()).isEqualTo(posterior.logVarianceFloor());
        assertThat(avro.getNoiseLogSigma()).isNull();
        assertSamePosterior(back, posterior);
    }

    @Test
    void aClassifierHasNoNoiseAndNoTargetStandardizer() throws DecodeException {
        Posterior posterior = Samples.posterior(Samples.classificationSpec(), new Random(8));

        PosteriorSnapshot avro = PosteriorCodec.toAvro(posterior, 1, Samples.TIME, null);
        Posterior back = PosteriorCodec.toCore(AvroCodecs.posteriorSnapshot().decode(AvroCodecs.posteriorSnapshot().encode(avro)));

        assertThat(avro.getNoiseLogSigma()).isNull();
        assertThat(avro.getLogVarianceFloor()).isNull();
        assertThat(avro.getTargetStandardizer()).isNull();
        assertThat(avro.getMetrics()).isNull();
        assertThat(back.noiseLogSigma()).isNaN();
        assertSamePosterior(back, posterior);
    }

    @Test
    void aTensorWhoseShapeDisagreesWithTheSpecIsRefusedNamingModelVersionAndLayer() {
        PosteriorSnapshot avro = PosteriorCodec.toAvro(Samples.posterior(Samples.regressionSpec(), new Random(1)), 9, Samples.TIME, null);
        avro.getLayers().get(1).setWeightMu(TensorCodec.toAvro(new float[8], 4, 2));

        assertThatThrownBy(() -> PosteriorCodec.toCore(avro))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid snapshot of model house-prices version 9: layer 1 weightMu: tensor has shape [4, 2], expected [4, 1]");
    }

    @Test
    void aMissingLayerIsRefused() {
        PosteriorSnapshot avro = PosteriorCodec.toAvro(Samples.posterior(Samples.regressionSpec(), new Random(1)), 2, Samples.TIME, null);
        avro.setLayers(List.of(avro.getLayers().get(0)));

        assertThatThrownBy(() -> PosteriorCodec.toCore(avro))
                .hasMessage("invalid snapshot of model house-prices version 2: spec has 2 layers [3, 4, 1], snapshot has 1");
    }

    @Test
    void aSnapshotCarryingAnotherModelsSpecIsRefused() {
        PosteriorSnapshot avro = PosteriorCodec.toAvro(Samples.posterior(Samples.regressionSpec(), new Random(1)), 2, Samples.TIME, null);
        avro.setModelId("other");

        assertThatThrownBy(() -> PosteriorCodec.toCore(avro))
                .hasMessage("snapshot of model other carries the spec of model house-prices");
    }

    /** The same posterior with awkward float32 bit patterns in its first layer. */
    private static Posterior withSpecialFloats(Posterior p) {
        LayerPosterior first = p.layers().get(0);
        float[] mu = first.weightMu();
        mu[0] = -0f;
        mu[1] = Float.MIN_VALUE;
        mu[2] = Float.MAX_VALUE;
        mu[3] = 1e-40f;
        mu[4] = Float.intBitsToFloat(0x7FC0BEEF);
        List<LayerPosterior> layers = new ArrayList<>(p.layers());
        layers.set(0, new LayerPosterior(first.fanIn(), first.fanOut(), mu, first.weightRho(), first.biasMu(), first.biasRho()));
        return new Posterior(p.spec(), layers, p.noiseLogSigma(), p.logVarianceFloor(), p.inputs(), p.target(), p.recordsSeen(), p.updates());
    }
}
