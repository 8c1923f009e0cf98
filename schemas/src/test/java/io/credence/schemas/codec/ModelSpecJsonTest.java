package io.credence.schemas.codec;

import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSpecJsonTest {

    @Test
    void aPartialSpecIsFilledWithTheCoreDefaults() {
        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"hidden":[50,50],"prior":{"type":"gaussian","mean":0,"sigma":1}}""");

        assertThat(spec).isEqualTo(ModelSpec.regression("m", 1).hidden(50, 50).prior(new PriorSpec.Gaussian(0, 1)).build());
    }

    @Test
    void theMinimalClassifierNeedsOnlyIdTaskFeaturesAndClasses() {
        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId": "iris", "task": "classification", "features": 4, "classes": 3}""");

        assertThat(spec).isEqualTo(ModelSpec.classification("iris", 4, 3).build());
    }

    @Test
    void aFullyCustomSpecRoundTripsThroughItsJson() {
        ModelSpec spec = ModelSpecCodecTest.custom();

        String json = ModelSpecJson.toJson(spec);

        assertThat(ModelSpecJson.fromJson(json)).isEqualTo(spec);
        assertThat(json).contains("\"prior\" : {", "\"type\" : \"scaleMixture\"", "\"streamingMode\" : \"POSTERIOR_AS_PRIOR\"");
    }

    @Test
    void theDefaultSpecWritesEveryKey() {
        String json = ModelSpecJson.toJson(ModelSpec.regression("r", 2).build());

        for (var component : ModelSpec.class.getRecordComponents()) {
            assertThat(json).contains("\"" + component.getName() + "\" :");
        }
    }

    @Test
    void halfOfAPairTakesTheOtherHalfFromTheDefaults() {
        ModelSpec defaults = ModelSpec.regression("m", 2).build();

        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":2,"noiseSigma":0.1,"tempering":2,"snapshotEveryUpdates":5}""");

        assertThat(spec.noiseSigma()).isEqualTo(0.1);
        assertThat(spec.noiseModel()).isEqualTo(defaults.noiseModel());
        assertThat(spec.tempering()).isEqualTo(2.0);
        assertThat(spec.streamingMode()).isEqualTo(defaults.streamingMode());
        assertThat(spec.effectiveDataSize()).isEqualTo(defaults.effectiveDataSize());
        assertThat(spec.snapshotEveryUpdates()).isEqualTo(5);
        assertThat(spec.snapshotEverySeconds()).isEqualTo(defaults.snapshotEverySeconds());
    }

    @Test
    void nullMeansDefaultAndEnumsIgnoreCase() {
        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"regression","features":2,"batchSize":null,"noiseModel":"fixed","streamingMode":"Posterior_As_Prior"}""");

        assertThat(spec.batchSize()).isEqualTo(ModelSpec.regression("m", 2).build().batchSize());
        assertThat(spec.noiseModel()).isEqualTo(NoiseModel.FIXED);
        assertThat(spec.streamingMode()).isEqualTo(StreamingMode.POSTERIOR_AS_PRIOR);
    }

    @Test
    void aScaleMixturePriorSwitchesToMonteCarloUnlessKlModeIsGiven() {
        String mixture = "\"prior\":{\"type\":\"scaleMixture\",\"pi\":0.5,\"sigma1\":1,\"sigma2\":0.002}";

        assertThat(ModelSpecJson.fromJson("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":2," + mixture + "}").klMode())
                .isEqualTo(KlMode.MONTE_CARLO);
        assertThatThrownBy(() -> ModelSpecJson.fromJson(
                "{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":2," + mixture + ",\"klMode\":\"ANALYTIC\"}"))
                .hasMessageStartingWith("invalid spec for model m: klMode ANALYTIC needs a Gaussian prior");
    }

    @Test
    void aNegativePriorSigmaIsRefused() {
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"prior":{"type":"gaussian","mean":0,"sigma":-1}}""",
                "invalid spec for model m: prior sigma must be > 0 and finite, got -1.0");
    }

    @Test
    void studentTNoiseIsReadAndTwoDegreesOfFreedomAreRefused() {
        assertThat(ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"noiseDegreesOfFreedom":4}""").noiseDegreesOfFreedom())
                .isEqualTo(4.0);
        assertThat(ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"noiseDegreesOfFreedom":null}""").noiseDegreesOfFreedom())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"noiseDegreesOfFreedom":2}""",
                "invalid spec for model m: noiseDegreesOfFreedom must be > 2 (Student-t with a finite variance) or infinite (Gaussian), got 2.0");
    }

    @Test
    void averagingDecayIsReadAndOneIsRefused() {
        assertThat(ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"averagingDecay":0.999}""").averagingDecay())
                .isEqualTo(0.999);
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"averagingDecay":1}""",
                "invalid spec for model m: averagingDecay must be in [0, 1) (0 = no averaging), got 1.0");
    }

    @Test
    void aZeroBatchIsRefused() {
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"batchSize":0}""",
                "invalid spec for model m: batchSize must be >= 1, got 0");
    }

    @Test
    void unknownKeysAreRefusedWithAHint() {
        assertThatThrownBy(() -> ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"batchsize":8}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown key \"batchsize\" in spec (did you mean \"batchSize\"?); known keys: modelId, task, classes,");
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"prior":{"type":"gaussian","mean":0,"sigma":1,"pi":0.5}}""",
                "invalid spec for model m: unknown key \"pi\" in prior; known keys: type, mean, sigma");
    }

    @Test
    void missingAndMistypedValuesNameTheKey() {
        assertRefused("{\"task\":\"REGRESSION\",\"features\":1}", "spec needs key \"modelId\"");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\"}", "invalid spec for model m: spec needs key \"features\"");
        assertRefused("{\"modelId\":\"m\",\"task\":\"CLASSIFICATION\",\"features\":2}", "invalid spec for model m: spec needs key \"classes\"");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1.5}",
                "invalid spec for model m: features must be a whole number in the int range, got 1.5");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1,\"hidden\":[8,\"x\"]}",
                "invalid spec for model m: hidden must be an array of whole numbers, e.g. [50, 50], got [8,\"x\"]");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1,\"activation\":\"SWISH\"}",
                "invalid spec for model m: activation must be one of [RELU, TANH, SIGMOID], got \"SWISH\"");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1,\"learningRate\":\"fast\"}",
                "invalid spec for model m: learningRate must be a number, got \"fast\"");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1,\"prior\":{\"type\":\"laplace\"}}",
                "invalid spec for model m: prior type must be \"gaussian\" or \"scaleMixture\", got \"laplace\"");
        assertRefused("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1,\"prior\":{\"type\":\"gaussian\",\"mean\":0}}",
                "invalid spec for model m: prior needs key \"sigma\"");
    }

    @Test
    void badJsonIsRefused() {
        assertRefused("", "spec JSON is empty");
        assertRefused("[1, 2]", "spec JSON must be an object {...}, got array [1,2]");
        assertThatThrownBy(() -> ModelSpecJson.fromJson("{\"modelId\": \"m\",}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec JSON does not parse: ")
                .hasMessageContaining("(line 1, column ");
        assertThatThrownBy(() -> ModelSpecJson.fromJson("{\"modelId\":\"m\",\"modelId\":\"n\",\"task\":\"REGRESSION\",\"features\":1}"))
                .hasMessageStartingWith("spec JSON does not parse: Duplicate field 'modelId'");
        assertThatThrownBy(() -> ModelSpecJson.fromJson("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1} {}"))
                .hasMessageStartingWith("spec JSON does not parse: Trailing token");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ModelSpecJson.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
