package io.credence.schemas.codec;

import io.credence.bnn.spec.KlMode;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.PriorSpec;
import io.credence.bnn.spec.StreamingMode;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSpecJsonTest {

    @Test
    void aPartialSpecIsFilledWithTheCoreDefaults() {
        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"hidden":[50,50],"prior":{"type":"gaussian","mean":0,"sigma":1}}""");

        assertThat(spec).isEqualTo(ModelSpec.regression("m", 1).network(n -> n.withHidden(50, 50)).variational(v -> v.withPrior(new PriorSpec.Gaussian(0, 1))).build());
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
    void theDefaultSpecWritesEveryKeyInComponentOrder() {
        String json = ModelSpecJson.toJson(ModelSpec.regression("r", 2).build());

        int previous = -1;
        for (var component : ModelSpec.class.getRecordComponents()) {
            if (component.getName().equals("fromWeights")) continue; // written only when set
            // A section (a record) has its components as keys, in place of its own name.
            RecordComponent[] section = component.getType().getRecordComponents();
            for (RecordComponent key : section == null ? new RecordComponent[] {component} : section) {
                int at = json.indexOf("\"" + key.getName() + "\" :");
                assertThat(at).as(key.getName()).isGreaterThan(previous);
                previous = at;
            }
        }
        assertThat(json).contains("\"hidden\" : [ 50, 50 ]", "\"klWeight\" : 0.4", "\"noiseModel\" : \"HETEROSCEDASTIC\"",
                "\"noiseDegreesOfFreedom\" : 4.0", "\"learningRate\" : 0.003", "\"clipNorm\" : 100.0",
                "\"averagingDecay\" : 0.999", "\"replayWindow\" : 10000", "\"replaySteps\" : 0",
                "\"replayBudget\" : 1600.0");
    }

    @Test
    void gaussianNoiseIsWrittenAsInfinityAndReadsBackToAnEqualSpec() {
        ModelSpec gaussian = ModelSpec.regression("g", 2).likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.5)
                .withNoiseDegreesOfFreedom(Double.POSITIVE_INFINITY)).build();

        String json = ModelSpecJson.toJson(gaussian);

        assertThat(json).contains("\"noiseDegreesOfFreedom\" : \"Infinity\"");
        assertThat(ModelSpecJson.fromJson(json)).isEqualTo(gaussian);
    }

    @Test
    void halfOfAPairTakesTheOtherHalfFromTheDefaults() {
        ModelSpec defaults = ModelSpec.regression("m", 2).build();

        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":2,"noiseSigma":0.1,"tempering":2,"snapshotEveryUpdates":5}""");

        assertThat(spec.likelihood().noiseSigma()).isEqualTo(0.1);
        assertThat(spec.likelihood().noiseModel()).isEqualTo(defaults.likelihood().noiseModel());
        assertThat(spec.streaming().tempering()).isEqualTo(2.0);
        assertThat(spec.streaming().streamingMode()).isEqualTo(defaults.streaming().streamingMode());
        assertThat(spec.streaming().effectiveDataSize()).isEqualTo(defaults.streaming().effectiveDataSize());
        assertThat(spec.streaming().snapshotEveryUpdates()).isEqualTo(5);
        assertThat(spec.streaming().snapshotEverySeconds()).isEqualTo(defaults.streaming().snapshotEverySeconds());
    }

    @Test
    void nullMeansDefaultAndEnumsIgnoreCase() {
        ModelSpec spec = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"regression","features":2,"batchSize":null,"noiseModel":"fixed","streamingMode":"Posterior_As_Prior"}""");

        assertThat(spec.optimiser().batchSize()).isEqualTo(ModelSpec.regression("m", 2).build().optimiser().batchSize());
        assertThat(spec.likelihood().noiseModel()).isEqualTo(NoiseModel.FIXED);
        assertThat(spec.streaming().streamingMode()).isEqualTo(StreamingMode.POSTERIOR_AS_PRIOR);
    }

    @Test
    void aScaleMixturePriorSwitchesToMonteCarloUnlessKlModeIsGiven() {
        String mixture = "\"prior\":{\"type\":\"scaleMixture\",\"pi\":0.5,\"sigma1\":1,\"sigma2\":0.002}";

        assertThat(ModelSpecJson.fromJson("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":2," + mixture + "}").variational().klMode())
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
    void studentTNoiseIsReadInfinityIsGaussianAndTwoDegreesOfFreedomAreRefused() {
        assertThat(degreesOfFreedom("\"noiseDegreesOfFreedom\":7.5")).isEqualTo(7.5);
        assertThat(degreesOfFreedom("\"noiseDegreesOfFreedom\":\"Infinity\"")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(degreesOfFreedom("\"noiseDegreesOfFreedom\":\"inf\"")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(degreesOfFreedom("\"noiseDegreesOfFreedom\":\"INFINITY\"")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(degreesOfFreedom("\"noiseDegreesOfFreedom\":null")).isEqualTo(4.0);
        assertThat(degreesOfFreedom("\"batchSize\":8")).isEqualTo(4.0);
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"noiseDegreesOfFreedom":2}""",
                "invalid spec for model m: noiseDegreesOfFreedom must be > 2 (Student-t with a finite variance) or infinite (Gaussian), got 2.0");
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"noiseDegreesOfFreedom":"-Infinity"}""",
                "invalid spec for model m: noiseDegreesOfFreedom must be a number or \"Infinity\", got \"-Infinity\"");
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"noiseDegreesOfFreedom":true}""",
                "invalid spec for model m: noiseDegreesOfFreedom must be a number or \"Infinity\", got true");
    }

    @Test
    void replayIsReadEachOmittedKeyKeepingItsDefault() {
        ModelSpec defaults = ModelSpec.regression("m", 1).build();

        ModelSpec all = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"replayWindow":500,"replaySteps":2,"replayBudget":3.5}""");
        ModelSpec off = ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"replayWindow":0}""");

        assertThat(all).isEqualTo(defaults.toBuilder().streaming(s -> s.withReplay(500, 2, 3.5)).build());
        assertThat(off.streaming().replayWindow()).isZero();
        assertThat(off.streaming().replaySteps()).isEqualTo(defaults.streaming().replaySteps());
        assertThat(off.streaming().replayBudget()).isEqualTo(defaults.streaming().replayBudget()).isEqualTo(1600.0);
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"replaySteps":-1}""",
                "invalid spec for model m: replaySteps must be >= 0, got -1");
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"replayWindow":2.5}""",
                "invalid spec for model m: replayWindow must be a whole number in the int range, got 2.5");
        assertRefused("""
                {"modelId":"m","task":"REGRESSION","features":1,"replayBudget":"lots"}""",
                "invalid spec for model m: replayBudget must be a number, got \"lots\"");
    }

    @Test
    void averagingDecayIsReadAndOneIsRefused() {
        assertThat(ModelSpecJson.fromJson("""
                {"modelId":"m","task":"REGRESSION","features":1,"averagingDecay":0.999}""").optimiser().averagingDecay())
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

    /** The noise degrees of freedom of a minimal regression spec with {@code extra} keys. */
    private static double degreesOfFreedom(String extra) {
        return ModelSpecJson.fromJson("{\"modelId\":\"m\",\"task\":\"REGRESSION\",\"features\":1," + extra + "}")
                .likelihood().noiseDegreesOfFreedom();
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ModelSpecJson.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
