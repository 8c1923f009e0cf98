package io.credence.schemas.serde;

import io.credence.avro.FeatureRecord;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.avro.PredictiveDraw;
import io.credence.avro.Quantile;
import io.credence.avro.TrainerState;
import io.credence.bnn.ClassicSpecs;
import io.credence.bnn.inference.LearnerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.schemas.Samples;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.codec.PredictionCodec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A trainer restarted on a new release must read the state and snapshots the previous release wrote. */
class OlderSchemasTest {

    @Test
    void aTrainerStateWrittenBeforeTheLogVarianceFloorDecodesWithNoFloor() throws Exception {
        Schema older = SchemaHistory.load("TrainerState", "25cd0de056e6bd58");
        ModelSpec spec = gaussianWithoutAveraging("het").network(n -> n.withHidden(4))
                .likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 1.0)).build();
        TrainerState current = LearnerStateCodec.toAvro(Samples.learnerState(spec, new Random(31), false), 3, Samples.TIME).build();

        TrainerState decoded = AvroCodecs.trainerState().decode(writtenWith(older, AvroCodecs.trainerState(), current));

        assertThat(current.getPosterior().getLogVarianceFloor()).isNotNull();
        assertThat(decoded.getPosterior().getLogVarianceFloor()).isNull();
        current.getPosterior().setLogVarianceFloor(null);
        assertThat(decoded).isEqualTo(withoutReplay(current));
    }

    @Test
    void theOlderSnapshotSchemasAreRegisteredUnderTheirFingerprints() {
        Schema beforeFloor = SchemaHistory.load("PosteriorSnapshot", "d35030a96c439f68");
        Schema beforeStudentT = SchemaHistory.load("PosteriorSnapshot", "f369b72bf133ee51");
        Schema beforeAveraging = SchemaHistory.load("PosteriorSnapshot", "2f2a33ada03abd26");
        Schema beforeReplay = SchemaHistory.load("PosteriorSnapshot", "18bb94946ab849a4");

        for (Schema older : List.of(beforeFloor, beforeStudentT, beforeAveraging, beforeReplay)) {
            assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(older))).contains(PosteriorSnapshot.class);
            assertThat(SchemaFingerprint.typeOf(SchemaFingerprint.of(older))).contains(PosteriorSnapshot.class);
        }
        assertThat(beforeFloor.getField("logVarianceFloor")).isNull();
        assertThat(beforeStudentT.getField("logVarianceFloor")).isNotNull();
        assertThat(beforeReplay.getField("spec").schema().getField("replay")).isNull();
        assertThat(beforeReplay.getField("spec").schema().getField("optimizer")).isNotNull();
        assertThat(AvroCodecs.posteriorSnapshot().schema().getField("spec").schema().getField("replay")).isNotNull();
    }

    @Test
    void aTrainerStateWrittenBeforeStudentTNoiseDecodesAsGaussian() throws Exception {
        Schema older = SchemaHistory.load("TrainerState", "d93656f0487ccd50");
        ModelSpec spec = gaussianWithoutAveraging("het").network(n -> n.withHidden(4))
                .likelihood(l -> l.withNoise(NoiseModel.HETEROSCEDASTIC, 1.0)).build();
        TrainerState current = LearnerStateCodec.toAvro(Samples.learnerState(spec, new Random(32), false), 3, Samples.TIME).build();

        TrainerState decoded = AvroCodecs.trainerState().decode(writtenWith(older, AvroCodecs.trainerState(), current));

        assertThat(decoded.getPosterior().getSpec().getNoise().getDegreesOfFreedom()).isNull();
        assertThat(decoded).isEqualTo(withoutReplay(current));
        assertThat(LearnerStateCodec.toCore(decoded).posterior().spec().likelihood().noiseDegreesOfFreedom()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aModelSpecWrittenBeforeStudentTNoiseDecodesAsGaussian() throws Exception {
        Schema older = SchemaHistory.load("ModelSpec", "1ff15a2df49aeb9c");
        ModelSpec spec = gaussianWithoutAveraging("m").likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.4))
                .build();

        io.credence.avro.ModelSpec decoded = AvroCodecs.modelSpec().decode(
                writtenWith(older, AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));

        assertThat(decoded.getNoise().getDegreesOfFreedom()).isNull();
        assertThat(ModelSpecCodec.toCore(decoded)).isEqualTo(spec);
    }

    @Test
    void aTrainerStateWrittenBeforeParameterAveragingDecodesWithoutAnAverage() throws Exception {
        Schema older = SchemaHistory.load("TrainerState", "8bd039130fdf1252");
        ModelSpec spec = ModelSpec.regression("avg", 3).network(n -> n.withHidden(4))
                .optimiser(o -> o.withAveragingDecay(0)).build();
        TrainerState current = LearnerStateCodec.toAvro(Samples.learnerState(spec, new Random(33), true), 3, Samples.TIME).build();

        TrainerState decoded = AvroCodecs.trainerState().decode(writtenWith(older, AvroCodecs.trainerState(), current));

        assertThat(current.getAverageParameters()).isNotNull();
        assertThat(decoded.getAverageParameters()).isNull();
        current.setAverageParameters(null);
        assertThat(decoded).isEqualTo(withoutReplay(current));
        assertThat(LearnerStateCodec.toCore(decoded).averageParameters()).isNull();
    }

    @Test
    void aModelSpecWrittenBeforeParameterAveragingDecodesWithoutAveraging() throws Exception {
        Schema older = SchemaHistory.load("ModelSpec", "8945d3ff3b5f366b");
        ModelSpec spec = ModelSpec.regression("m", 3)
                .optimiser(o -> o.withLearningRate(0.003).withClipNorm(100).withAveragingDecay(0)).build();

        io.credence.avro.ModelSpec decoded = AvroCodecs.modelSpec().decode(
                writtenWith(older, AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));

        assertThat(decoded.getOptimizer().getAveragingDecay()).isNull();
        assertThat(ModelSpecCodec.toCore(decoded)).isEqualTo(spec);
        assertThat(ModelSpecCodec.toCore(decoded).optimiser().averagingDecay()).isZero();
    }

    @Test
    void aTrainerStateWrittenBeforeReplayDecodesWithNoCreditAndTheDefaultReplay() throws Exception {
        Schema older = SchemaHistory.load("TrainerState", "8f23121f4ae5e4dd");
        ModelSpec spec = ModelSpec.regression("rep", 3).network(n -> n.withHidden(4)).build();
        TrainerState current = LearnerStateCodec.toAvro(Samples.learnerState(spec, new Random(34), true), 3, Samples.TIME).build();

        TrainerState decoded = AvroCodecs.trainerState().decode(writtenWith(older, AvroCodecs.trainerState(), current));

        assertThat(current.getReplayCredit()).isEqualTo(4096.5);
        assertThat(decoded.getReplayCredit()).isZero();
        assertThat(decoded.getPosterior().getSpec().getReplay()).isNull();
        assertThat(decoded.getAverageParameters()).isEqualTo(current.getAverageParameters());
        assertThat(decoded).isEqualTo(withoutReplay(current));
        LearnerState restored = LearnerStateCodec.toCore(decoded);
        assertThat(restored.replayCredit()).isZero();
        assertThat(restored.replayWindow()).isEmpty();
        assertThat(restored.posterior().spec()).isEqualTo(spec);
    }

    @Test
    void aModelSpecWrittenBeforeReplayTakesTheDefaultReplay() throws Exception {
        Schema older = SchemaHistory.load("ModelSpec", "f36ca330317dfd0c");
        ModelSpec defaults = ModelSpec.regression("m", 3).build();
        // The previous release's defaults; its replay (none) cannot be written with its schema.
        ModelSpec spec = ClassicSpecs.regression("m", 3).build();

        io.credence.avro.ModelSpec decoded = AvroCodecs.modelSpec().decode(
                writtenWith(older, AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));

        assertThat(decoded.getReplay()).isNull();
        assertThat(decoded.getNoise().getDegreesOfFreedom()).isNull();
        assertThat(decoded.getOptimizer().getAveragingDecay()).isNull();
        assertThat(ModelSpecCodec.toCore(decoded)).isEqualTo(spec.toBuilder()
                .streaming(s -> s.withReplay(defaults.streaming().replayWindow(), defaults.streaming().replaySteps(),
                defaults.streaming().replayBudget())).build());
    }

    @Test
    void theOlderSpecAndStateSchemasBeforeReplayAreRegistered() {
        Schema spec = SchemaHistory.load("ModelSpec", "f36ca330317dfd0c");
        Schema state = SchemaHistory.load("TrainerState", "8f23121f4ae5e4dd");

        assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(spec))).contains(io.credence.avro.ModelSpec.class);
        assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(state))).contains(TrainerState.class);
        assertThat(spec.getField("replay")).isNull();
        assertThat(state.getField("replayCredit")).isNull();
        assertThat(state.getField("averageParameters")).isNotNull();
    }

    @Test
    void specsSnapshotsAndStatesWrittenBeforeFromWeightsStillDecode() throws Exception {
        ModelSpec spec = ModelSpec.regression("m", 3).build();
        io.credence.avro.ModelSpec decoded = AvroCodecs.modelSpec().decode(
                writtenWith(SchemaHistory.load("ModelSpec", "0cd450d242cc035d"), AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));

        assertThat(decoded.getFromWeights()).isNull();
        assertThat(ModelSpecCodec.toCore(decoded)).isEqualTo(spec);
        assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(SchemaHistory.load("PosteriorSnapshot", "75e0209cddfbea98")))).contains(PosteriorSnapshot.class);
        assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(SchemaHistory.load("TrainerState", "1c1fd4710d5d3046")))).contains(TrainerState.class);
    }

    @Test
    void snapshotsAndStatesWrittenBeforePartsDecodeInOnePiece() throws Exception {
        ModelSpec spec = ModelSpec.regression("whole", 3).network(n -> n.withHidden(4)).build();
        TrainerState current = LearnerStateCodec.toAvro(Samples.learnerState(spec, new Random(35), true), 3, Samples.TIME).build();

        TrainerState state = AvroCodecs.trainerState().decode(
                writtenWith(SchemaHistory.load("TrainerState", "6ecc88bfda6f54cf"), AvroCodecs.trainerState(), current));
        PosteriorSnapshot snapshot = AvroCodecs.posteriorSnapshot().decode(
                writtenWith(SchemaHistory.load("PosteriorSnapshot", "031a14434d4fefed"), AvroCodecs.posteriorSnapshot(), current.getPosterior()));

        assertThat(state).isEqualTo(current);
        assertThat(snapshot).isEqualTo(current.getPosterior());
        assertThat(snapshot.getPart()).isNull();
        assertThat(SchemaHistory.load("PosteriorSnapshot", "031a14434d4fefed").getField("part")).isNull();
    }

    @Test
    void theFeatureRecordAndPredictionSchemasBeforeDrawsAreRegistered() {
        Schema features = SchemaHistory.load("FeatureRecord", "f8c882d44bb20d4c");
        Schema prediction = SchemaHistory.load("Prediction", "47718f8f1453e274");

        assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(features))).contains(FeatureRecord.class);
        assertThat(AvroCodecs.typeOf(SchemaFingerprint.of(prediction))).contains(Prediction.class);
        assertThat(SchemaFingerprint.typeOf(SchemaFingerprint.of(features))).contains(FeatureRecord.class);
        assertThat(SchemaFingerprint.typeOf(SchemaFingerprint.of(prediction))).contains(Prediction.class);
        assertThat(features.getField("includeDraws")).isNull();
        assertThat(features.getField("samples")).isNotNull();
        assertThat(prediction.getField("draws")).isNull();
        assertThat(prediction.getField("scoredAt")).isNotNull();
        assertThat(AvroCodecs.featureRecord().schema().getField("includeDraws")).isNotNull();
        assertThat(AvroCodecs.prediction().schema().getField("draws")).isNotNull();
    }

    @Test
    void aFeatureRecordWrittenBeforeIncludeDrawsDecodesAsNotAskingForThem() throws Exception {
        Schema older = SchemaHistory.load("FeatureRecord", "f8c882d44bb20d4c");
        FeatureRecord current = FeatureRecord.newBuilder().setModelId("m").setRequestId("q-7")
                .setFeatures(List.of(1.5, -2.0)).setEventTime(Instant.ofEpochMilli(Samples.TIME)).setSamples(40)
                .setIncludeDraws(true).build();

        FeatureRecord decoded = AvroCodecs.featureRecord().decode(writtenWith(older, AvroCodecs.featureRecord(), current));

        assertThat(decoded.getIncludeDraws()).isFalse();
        current.setIncludeDraws(false);
        assertThat(decoded).isEqualTo(current);
    }

    @Test
    void aPredictionWrittenBeforeDrawsDecodesWithoutThem() throws Exception {
        Schema older = SchemaHistory.load("Prediction", "47718f8f1453e274");
        Prediction current = PredictionCodec.toAvro("m", "q-8", 3, Samples.regressionSummary(), 99, Samples.TIME, Samples.TIME + 4);
        current.setDraws(List.of(new PredictiveDraw(2.4, 0.4, null), new PredictiveDraw(2.6, 0.4, null)));

        Prediction decoded = AvroCodecs.prediction().decode(writtenWith(older, AvroCodecs.prediction(), current));

        assertThat(decoded.getDraws()).isNull();
        current.setDraws(null);
        assertThat(decoded).isEqualTo(current);
    }

    @Test
    void theCommittedFeatureRecordAndPredictionOfTheReleaseBeforeDrawsDecode() throws Exception {
        // Written by the build before includeDraws and draws (fixtures/*-before-draws.avro); never regenerate them.
        byte[] featureBytes = fixture("/fixtures/feature-record-before-draws.avro");
        byte[] predictionBytes = fixture("/fixtures/prediction-before-draws.avro");
        assertThat(SchemaFingerprint.read(featureBytes)).isEqualTo(Long.parseUnsignedLong("f8c882d44bb20d4c", 16));
        assertThat(SchemaFingerprint.read(predictionBytes)).isEqualTo(Long.parseUnsignedLong("47718f8f1453e274", 16));

        FeatureRecord features = AvroCodecs.featureRecord().decode(featureBytes);
        Prediction prediction = AvroCodecs.prediction().decode(predictionBytes);

        Instant at = Instant.ofEpochMilli(1_765_000_000_000L);
        assertThat(features).isEqualTo(FeatureRecord.newBuilder().setModelId("it-sin").setRequestId("before-draws-1")
                .setFeatures(List.of(-2.0, 0.5, 3.25)).setEventTime(at).setSamples(250).setIncludeDraws(false).build());
        assertThat(prediction).isEqualTo(Prediction.newBuilder().setModelId("it-sin").setRequestId("before-draws-1")
                .setModelVersion(12).setMean(0.75).setStd(0.5).setEpistemicStd(0.3).setAleatoricStd(0.4)
                .setIntervalLevel(0.9).setLower(-0.0725).setUpper(1.5725)
                .setQuantiles(List.of(new Quantile(0.05, -0.0725), new Quantile(0.5, 0.75), new Quantile(0.95, 1.5725)))
                .setClassProbabilities(null).setPredictedClass(null).setEntropy(null).setMutualInformation(null)
                .setSamples(250).setSeed(4242L).setEventTime(at).setScoredAt(at.plusMillis(40)).setDraws(null).build());
    }

    @Test
    void aMissingOlderSchemaFailsNamingTheHistory() {
        assertThatThrownBy(() -> SchemaHistory.load("TrainerState", "0000000000000000"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema-history.jsonl has no TrainerState 0000000000000000");
    }

    /**
     * A regression spec whose noise is Gaussian and that does not average: what a NoiseSpec without degreesOfFreedom
     * and an OptimizerSpec without averagingDecay decode to. Its replay is the default, what a spec without replay
     * decodes to.
     */
    private static ModelSpec.Builder gaussianWithoutAveraging(String modelId) {
        return ModelSpec.regression(modelId, 3).likelihood(l -> l.withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY))
                .optimiser(o -> o.withAveragingDecay(0));
    }

    /** {@code state} as a schema from before rehearsal carries it: no replay in its spec, no replay credit. */
    private static TrainerState withoutReplay(TrainerState state) {
        state.getPosterior().getSpec().setReplay(null);
        state.setReplayCredit(0.0);
        return state;
    }

    private static byte[] fixture(String resource) throws IOException {
        try (InputStream in = OlderSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    /** {@code record} as a writer on {@code older} would have put it: current bytes resolved down to the older schema. */
    private static <T extends org.apache.avro.specific.SpecificRecord> byte[] writtenWith(Schema older, AvroCodec<T> codec,
                                                                                           T record) throws Exception {
        byte[] current = codec.encode(record);
        GenericDatumReader<GenericRecord> down = new GenericDatumReader<>(codec.schema(), older);
        GenericRecord old = down.read(null, DecoderFactory.get().binaryDecoder(current, SchemaFingerprint.HEADER_LENGTH,
                current.length - SchemaFingerprint.HEADER_LENGTH, null));
        return AvroCodecTest.encodeGeneric(old);
    }
}
