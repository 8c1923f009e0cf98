package io.credence.cli.posterior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.credence.bnn.layer.Softplus;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.cli.posterior.PosteriorPrinter.Format;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What {@code credence posterior} prints: the CSV and JSON summaries of linear and deeper models, and draw headers. */
class PosteriorPrinterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aLinearModelsCsvSummarySaysWhatItShowsThenOneRowPerParameter() {
        Posterior p = LinearPosteriorTest.regression(NoiseModel.HOMOSCEDASTIC, Double.POSITIVE_INFINITY);
        List<String> lines = summary(p, List.of("rugged", "africa"), Format.CSV).lines().toList();
        assertThat(lines.get(0)).isEqualTo("# model lin, version 9: 1,000 records seen, 32 updates");
        assertThat(lines.get(1)).startsWith("# Bayesian linear regression in original units");
        assertThat(lines.get(2)).contains("Gaussian homoscedastic noise", "point estimate");
        assertThat(lines.subList(3, lines.size())).containsExactly(
                "parameter,mean,std,q05,q95",
                "coef[rugged],0.8,0.1,0.635515,0.964485",
                "coef[africa],-0.0933333,0.00266667,-0.0977196,-0.0889471",
                "intercept,20.4,0.754983,19.1582,21.6418",
                "noise_scale,0.4,,,");
    }

    @Test
    void aLinearModelsJsonSummaryIsOneObjectWithNullForNoSpread() throws Exception {
        Posterior p = LinearPosteriorTest.regression(NoiseModel.HOMOSCEDASTIC, 5);
        List<String> lines = summary(p, List.of("x0", "x1"), Format.JSON).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode o = JSON.readTree(lines.get(0));
        assertThat(o.get("model").asText()).isEqualTo("lin");
        assertThat(o.get("version").asLong()).isEqualTo(9);
        assertThat(o.get("units").asText()).isEqualTo("original");
        assertThat(o.get("noise").asText()).contains("Student-t with 5 degrees of freedom");
        JsonNode params = o.get("parameters");
        assertThat(params).hasSize(5);
        assertThat(params.get(0).get("name").asText()).isEqualTo("coef[x0]");
        assertThat(params.get(0).get("mean").asDouble()).isCloseTo(0.8, within(1e-6));
        assertThat(params.get(3).get("name").asText()).isEqualTo("noise_scale");
        assertThat(params.get(3).get("std").isNull()).isTrue();
        assertThat(params.get(4).get("name").asText()).isEqualTo("noise_df");
        assertThat(params.get(4).get("mean").asDouble()).isEqualTo(5);
    }

    @Test
    void aDeeperModelIsSummarisedPerLayerWithItsStandardisers() throws Exception {
        // [2 -> 2 -> 1]: layer 0 |mu| = (0.5, 0.1, 2, 0), sigma = (0.1, 0.2, 0.5, 1): snr (5, 0.5, 4, 0), 2 of 4 below 1.
        ModelSpec spec = ModelSpec.regression("deep", 2).network(n -> n.withHidden(2))
                .likelihood(l -> l.withNoise(NoiseModel.HOMOSCEDASTIC, 0.5)).build();
        LayerPosterior l0 = new LayerPosterior(2, 2, new float[] {0.5f, -0.1f, 2f, 0f}, rhos(0.1, 0.2, 0.5, 1),
                new float[] {1f, 1f}, rhos(0.1, 0.1));
        LayerPosterior l1 = new LayerPosterior(2, 1, new float[] {3f, -3f}, rhos(1, 1), new float[] {0f}, rhos(1));
        Posterior p = new Posterior(spec, List.of(l0, l1), Math.log(0.2), Double.NaN, LinearPosteriorTest.INPUTS,
                LinearPosteriorTest.TARGET, 640, 20);
        List<String> lines = summary(p, List.of("a", "b"), Format.CSV).lines().toList();
        assertThat(lines).contains("# input a: mean 5, std 2", "# input b: mean 150, std 30", "# target: mean 10, std 4");
        assertThat(lines.get(1)).contains("hidden [2]", "homoscedastic Student-t(4) noise");
        int table = lines.indexOf("layer,shape,weights,mean_abs_mu,mean_sigma,mean_snr,frac_snr_below_1");
        assertThat(lines.subList(table + 1, lines.size())).containsExactly(
                "0,2x2,4,0.65,0.45,2.375,0.5",
                "1,2x1,2,3,1,3,0");

        JsonNode o = JSON.readTree(summary(p, List.of("a", "b"), Format.JSON));
        assertThat(o.get("units").asText()).isEqualTo("network");
        assertThat(o.get("layers").get(0).get("meanSnr").asDouble()).isCloseTo(2.375, within(1e-6));
        assertThat(o.get("inputs").get(1).get("std").asDouble()).isEqualTo(30);
        assertThat(o.get("target").get("mean").asDouble()).isEqualTo(10);

        ParameterDraws draws = new PosteriorPrinter(p, 1, List.of("a", "b"), Format.CSV).draws();
        assertThat(draws.parameterNames()).containsExactly("layer0.w[0][0]", "layer0.w[0][1]", "layer0.w[1][0]",
                "layer0.w[1][1]", "layer0.b[0]", "layer0.b[1]", "layer1.w[0][0]", "layer1.w[1][0]", "layer1.b[0]");
    }

    @Test
    void featureNamesMustMatchTheModelAndFormatsAreCsvOrJson() {
        Posterior p = LinearPosteriorTest.regression(NoiseModel.HOMOSCEDASTIC, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> new PosteriorPrinter(p, 1, List.of("a"), Format.CSV))
                .hasMessage("1 feature names for a model of 2 features");
        assertThat(Format.parse("JSON")).isEqualTo(Format.JSON);
        assertThatThrownBy(() -> Format.parse("xml")).hasMessage("unknown --format xml: use csv or json");
    }

    @Test
    void summaryNumbersHaveSixSignificantDigits() {
        assertThat(PosteriorPrinter.sig(3.14159265)).isEqualTo("3.14159");
        assertThat(PosteriorPrinter.sig(-2.0)).isEqualTo("-2");
        assertThat(PosteriorPrinter.sig(1234567.89)).isEqualTo("1234570");
        assertThat(PosteriorPrinter.sig(0.000012345678)).isEqualTo("0.0000123457");
        assertThat(PosteriorPrinter.sig(1.5e-9)).isEqualTo("1.5E-9");
        assertThat(PosteriorPrinter.sig(Double.NaN)).isEmpty();
    }

    static String summary(Posterior p, List<String> names, Format format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PosteriorPrinter(p, 9, names, format).summary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static float[] rhos(double... sigmas) {
        float[] out = new float[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) out[i] = (float) Softplus.inverse(sigmas[i]);
        return out;
    }
}
