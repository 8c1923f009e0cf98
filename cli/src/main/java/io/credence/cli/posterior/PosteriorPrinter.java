package io.credence.cli.posterior;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.Task;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes what {@code credence posterior} shows of one snapshot, as CSV (summaries preceded by {@code #} comment lines
 * that say what the numbers are) or JSON (one object per line).
 */
public final class PosteriorPrinter {

    /** Output formats. */
    public enum Format {
        CSV, JSON;

        /**
         * The format named {@code name} (csv or json, any case).
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("unknown --format " + name + ": use csv or json");
            };
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MathContext SUMMARY_DIGITS = new MathContext(6);

    private final Posterior posterior;
    private final long version;
    private final List<String> featureNames;
    private final Format format;

    /**
     * @param posterior    the snapshot's posterior
     * @param version      the snapshot's version
     * @param featureNames one name per feature
     */
    public PosteriorPrinter(Posterior posterior, long version, List<String> featureNames, Format format) {
        if (featureNames.size() != posterior.spec().features()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for a model of "
                    + posterior.spec().features() + " features");
        }
        this.posterior = posterior;
        this.version = version;
        this.featureNames = List.copyOf(featureNames);
        this.format = format;
    }

    /** Whether the model has no hidden layer, so that its summary and draws are in original units. */
    public boolean linear() {
        return posterior.spec().network().hidden().isEmpty();
    }

    /** The draws {@link #samples} writes: original units for a linear model, network units otherwise. */
    public ParameterDraws draws() {
        return linear() ? LinearPosterior.of(posterior, featureNames) : LayeredPosterior.of(posterior);
    }

    /**
     * The summary: a linear model's coefficients, intercept and noise in original units; a deeper model's layers,
     * with the standardisers.
     */
    public void summary(PrintStream out) {
        if (linear()) linearSummary(out, LinearPosterior.of(posterior, featureNames));
        else layerSummary(out, LayeredPosterior.of(posterior));
        out.flush();
    }

    /**
     * {@code k} draws of the parameters, one per row, from {@code new Random(seed)}: CSV with a header naming every
     * parameter, or one JSON object per line.
     */
    public void samples(PrintStream out, int k, long seed) {
        ParameterDraws draws = draws();
        List<String> names = draws.parameterNames();
        double[] row = new double[names.size()];
        Random rng = new Random(seed);
        if (format == Format.CSV) out.println(String.join(",", names));
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < k; s++) {
            draws.draw(rng, row);
            if (format == Format.CSV) {
                line.setLength(0);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) line.append(',');
                    line.append(row[i]);
                }
                out.println(line);
            } else {
                ObjectNode o = JSON.createObjectNode();
                for (int i = 0; i < row.length; i++) putNumber(o, names.get(i), row[i]);
                out.println(o);
            }
        }
        out.flush();
    }

    /** One line: the model, the snapshot version, the records and updates it was trained on. */
    public String heading() {
        return String.format(Locale.ROOT, "model %s, version %d: %,d records seen, %,d updates", posterior.spec().modelId(),
                version, posterior.recordsSeen(), posterior.updates());
    }

    private void linearSummary(PrintStream out, LinearPosterior linear) {
        ModelSpec spec = posterior.spec();
        List<Estimate> estimates = linear.estimates();
        String what = spec.task() == Task.REGRESSION
                ? "Bayesian linear regression in original units (inputs and target de-standardised): y = intercept + sum coef[x] * x"
                : "Bayesian logistic regression over " + spec.classes() + " classes in original units: logit of class C = "
                + "classC.intercept + sum classC.coef[x] * x (softmax logits: only differences between classes matter)";
        if (format == Format.CSV) {
            out.println("# " + heading());
            out.println("# " + what);
            if (linear.regression()) out.println("# " + linear.noiseDescription());
            out.println("parameter,mean,std,q05,q95");
            for (Estimate e : estimates) {
                out.println(String.join(",", e.name(), sig(e.mean()), sig(e.std()), sig(e.q05()), sig(e.q95())));
            }
        } else {
            ObjectNode o = header("original");
            o.put("description", what);
            if (linear.regression()) o.put("noise", linear.noiseDescription());
            ArrayNode params = o.putArray("parameters");
            for (Estimate e : estimates) {
                ObjectNode p = params.addObject().put("name", e.name());
                putNumber(p, "mean", e.mean());
                putNumber(p, "std", e.std());
                putNumber(p, "q05", e.q05());
                putNumber(p, "q95", e.q95());
            }
            out.println(o);
        }
    }

    private void layerSummary(PrintStream out, LayeredPosterior layered) {
        ModelSpec spec = posterior.spec();
        List<ColumnScale> inputs = ColumnScale.of(posterior.inputs(), featureNames);
        ColumnScale target = posterior.target() == null ? null : ColumnScale.of(posterior.target(), List.of("target")).get(0);
        String model = (spec.task() == Task.REGRESSION ? "regression, " + noise(spec) : "classification over " + spec.classes() + " classes")
                + ", hidden " + spec.network().hidden() + ", "
                + spec.network().activation().name().toLowerCase(Locale.ROOT);
        if (format == Format.CSV) {
            out.println("# " + heading());
            out.println("# " + model);
            out.println("# weights (biases left out) in network units: they act on standardised inputs"
                    + (target == null ? "" : " and predict the standardised target") + "; snr = |mu| / sigma");
            for (ColumnScale x : inputs) out.println("# input " + x.name() + ": mean " + sig(x.mean()) + ", std " + sig(x.std()));
            if (target != null) out.println("# target: mean " + sig(target.mean()) + ", std " + sig(target.std()));
            out.println("layer,shape,weights,mean_abs_mu,mean_sigma,mean_snr,frac_snr_below_1");
            for (LayeredPosterior.LayerSummary l : layered.summaries()) {
                out.println(String.join(",", Integer.toString(l.index()), l.fanIn() + "x" + l.fanOut(),
                        Integer.toString(l.weights()), sig(l.meanAbsMu()), sig(l.meanSigma()), sig(l.meanSnr()),
                        sig(l.fractionSnrBelow1())));
            }
        } else {
            ObjectNode o = header("network");
            o.put("description", model);
            ArrayNode layers = o.putArray("layers");
            for (LayeredPosterior.LayerSummary l : layered.summaries()) {
                ObjectNode n = layers.addObject().put("layer", l.index()).put("fanIn", l.fanIn()).put("fanOut", l.fanOut())
                        .put("weights", l.weights());
                putNumber(n, "meanAbsMu", l.meanAbsMu());
                putNumber(n, "meanSigma", l.meanSigma());
                putNumber(n, "meanSnr", l.meanSnr());
                putNumber(n, "fractionSnrBelow1", l.fractionSnrBelow1());
            }
            ArrayNode in = o.putArray("inputs");
            for (ColumnScale x : inputs) {
                ObjectNode n = in.addObject().put("name", x.name());
                putNumber(n, "mean", x.mean());
                putNumber(n, "std", x.std());
            }
            if (target != null) {
                ObjectNode t = o.putObject("target");
                putNumber(t, "mean", target.mean());
                putNumber(t, "std", target.std());
            }
            out.println(o);
        }
    }

    private ObjectNode header(String units) {
        ModelSpec spec = posterior.spec();
        ObjectNode o = JSON.createObjectNode();
        o.put("model", spec.modelId()).put("version", version).put("recordsSeen", posterior.recordsSeen())
                .put("updates", posterior.updates()).put("task", spec.task().name());
        ArrayNode hidden = o.putArray("hidden");
        spec.network().hidden().forEach(hidden::add);
        o.put("units", units);
        return o;
    }

    private static String noise(ModelSpec spec) {
        String kind = Double.isInfinite(spec.likelihood().noiseDegreesOfFreedom()) ? "Gaussian"
                : "Student-t(" + sig(spec.likelihood().noiseDegreesOfFreedom()) + ")";
        return spec.likelihood().noiseModel().name().toLowerCase(Locale.ROOT) + " " + kind + " noise"
                + (spec.likelihood().noiseModel() == NoiseModel.HETEROSCEDASTIC ? " (2 outputs: mean, log-variance)" : "");
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v);
        else o.putNull(name);
    }

    /** {@code v} to 6 significant digits, plain in [1e-4, 1e7), an empty cell for NaN. */
    static String sig(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(SUMMARY_DIGITS).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e7 ? d.toPlainString() : d.toString();
    }
}
