package io.credence.cli.posterior;

import io.credence.bnn.layer.Softplus;
import io.credence.bnn.likelihood.HeteroscedasticLikelihood;
import io.credence.bnn.likelihood.NoiseDistribution;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.NoiseModel;
import io.credence.bnn.spec.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The posterior of a model without a hidden layer (Bayesian linear or multinomial logistic regression) in the data's
 * original units.
 *
 * <p>The network sees z_j = (x_j - mx_j) / sx_j and, for regression, predicts the standardised target
 * (y - my) / sy = b + sum_j w_j z_j, so in original units y = intercept + sum_j coef_j x_j with
 * <pre>
 *   coef_j    = w_j sy / sx_j
 *   intercept = my + sy (b - sum_j w_j mx_j / sx_j)
 * </pre>
 * Under the mean-field Gaussian posterior every w_j and b is an independent Gaussian, and both are linear in them, so
 * each coefficient and the intercept is Gaussian with a closed-form mean and std. A classifier's logits are not
 * standardised (my = 0, sy = 1): its coefficients are logits per original input unit, per class.
 *
 * <p>The noise, in target units: FIXED or HOMOSCEDASTIC, sy exp(noiseLogSigma), a point estimate (the learned scale has
 * no posterior); HETEROSCEDASTIC, the output's second unit is the log-variance s, whose value at the mean input (every
 * z_j = 0) is its bias b_s ~ N(m, v^2): the noise scale there is sy exp(max(s, floor) / 2) with the snapshot's
 * log-variance floor, a floored log-normal whose mean and std are closed form (the +-15 clamp of s is left out of
 * them; the quantiles and draws apply it). For Student-t noise the scale is the t's scale, and its degrees of freedom
 * are reported too (the noise std is then scale sqrt(df / (df - 2))).
 */
public final class LinearPosterior implements ParameterDraws {

    private final ModelSpec spec;
    private final Posterior posterior;
    private final List<ColumnScale> inputs;
    private final double targetMean;
    private final double targetStd;
    private final int features;
    private final int outputs;
    private final double[] wMu;
    private final double[] wSigma;
    private final double[] bMu;
    private final double[] bSigma;

    private LinearPosterior(Posterior posterior, List<String> featureNames) {
        this.posterior = posterior;
        this.spec = posterior.spec();
        if (!spec.network().hidden().isEmpty()) {
            throw new IllegalArgumentException("model " + spec.modelId() + " has hidden layers "
                    + spec.network().hidden() + ", not a linear model");
        }
        this.inputs = ColumnScale.of(posterior.inputs(), featureNames);
        if (spec.task() == Task.REGRESSION) {
            ColumnScale y = ColumnScale.of(posterior.target(), List.of("y")).get(0);
            targetMean = y.mean();
            targetStd = y.std();
        } else {
            targetMean = 0;
            targetStd = 1;
        }
        LayerPosterior layer = posterior.layers().get(0);
        features = layer.fanIn();
        outputs = layer.fanOut();
        wMu = doubles(layer.weightMu());
        wSigma = sigmas(layer.weightRho());
        bMu = doubles(layer.biasMu());
        bSigma = sigmas(layer.biasRho());
    }

    /**
     * The original-units view of {@code posterior}.
     *
     * @param featureNames one name per feature, in order
     * @throws IllegalArgumentException when the model has a hidden layer or the names do not match the features
     */
    public static LinearPosterior of(Posterior posterior, List<String> featureNames) {
        return new LinearPosterior(posterior, featureNames);
    }

    /** Whether this is a regression (else a classifier, with a group of coefficients per class). */
    public boolean regression() {
        return spec.task() == Task.REGRESSION;
    }

    /** The input standardiser: each feature's mean and std. */
    public List<ColumnScale> inputs() {
        return inputs;
    }

    /**
     * Every parameter's posterior in original units: regression {@code coef[name]} per feature, {@code intercept},
     * {@code noise_scale} and, for Student-t noise, {@code noise_df}; classification {@code classC.coef[name]} per
     * feature and {@code classC.intercept}, per class C.
     */
    public List<Estimate> estimates() {
        List<Estimate> out = new ArrayList<>();
        if (regression()) {
            out.addAll(unit(0, ""));
            out.add(noiseScale());
            if (!NoiseDistribution.of(spec.likelihood().noiseDegreesOfFreedom()).isGaussian()) {
                out.add(Estimate.point("noise_df", spec.likelihood().noiseDegreesOfFreedom()));
            }
        } else {
            for (int c = 0; c < outputs; c++) out.addAll(unit(c, "class" + c + "."));
        }
        return out;
    }

    /** One line saying what the noise estimate is, for regression; empty for a classifier. */
    public String noiseDescription() {
        if (!regression()) return "";
        NoiseDistribution noise = NoiseDistribution.of(spec.likelihood().noiseDegreesOfFreedom());
        String kind = noise.isGaussian() ? "Gaussian" : "Student-t with " + fmt(noise.degreesOfFreedom()) + " degrees of freedom";
        String scale = noise.isGaussian() ? "its std" : "its scale (std = scale * sqrt(df / (df - 2)))";
        return switch (spec.likelihood().noiseModel()) {
            case FIXED -> kind + " noise of fixed scale: noise_scale is " + scale + " in target units";
            case HOMOSCEDASTIC -> kind + " homoscedastic noise: noise_scale is " + scale
                    + " in target units, a point estimate";
            case HETEROSCEDASTIC -> kind + " heteroscedastic noise: noise_scale is " + scale
                    + " at the mean input (the standardiser's feature means), in target units";
        };
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        if (regression()) {
            for (ColumnScale x : inputs) names.add("coef[" + x.name() + "]");
            names.add("intercept");
            names.add("noise_scale");
        } else {
            for (int c = 0; c < outputs; c++) {
                for (ColumnScale x : inputs) names.add("class" + c + ".coef[" + x.name() + "]");
                names.add("class" + c + ".intercept");
            }
        }
        return names;
    }

    /**
     * One draw in original units: the weights and biases drawn from q (flat order: weights row-major, then biases),
     * then mapped as in the class comment; a homoscedastic noise scale is the same in every draw.
     */
    @Override
    public void draw(Random rng, double[] out) {
        double[] w = new double[wMu.length];
        double[] b = new double[bMu.length];
        for (int i = 0; i < w.length; i++) w[i] = wMu[i] + wSigma[i] * rng.nextGaussian();
        for (int o = 0; o < b.length; o++) b[o] = bMu[o] + bSigma[o] * rng.nextGaussian();
        if (regression()) {
            double sum = 0;
            for (int j = 0; j < features; j++) {
                ColumnScale x = inputs.get(j);
                double wj = w[j * outputs];
                out[j] = wj * targetStd / x.std();
                sum += wj * x.mean() / x.std();
            }
            out[features] = targetMean + targetStd * (b[0] - sum);
            out[features + 1] = spec.likelihood().noiseModel() == NoiseModel.HETEROSCEDASTIC
                    ? targetStd * Math.exp(0.5 * HeteroscedasticLikelihood.predictiveLogVariance(b[1], posterior.logVarianceFloor()))
                    : targetStd * Math.exp(posterior.noiseLogSigma());
        } else {
            for (int c = 0; c < outputs; c++) {
                int base = c * (features + 1);
                double sum = 0;
                for (int j = 0; j < features; j++) {
                    ColumnScale x = inputs.get(j);
                    double wj = w[j * outputs + c];
                    out[base + j] = wj / x.std();
                    sum += wj * x.mean() / x.std();
                }
                out[base + features] = b[c] - sum;
            }
        }
    }

    /** The coefficients and intercept of output unit {@code o}. */
    private List<Estimate> unit(int o, String prefix) {
        List<Estimate> out = new ArrayList<>(features + 1);
        double interceptMean = bMu[o];
        double interceptVar = bSigma[o] * bSigma[o];
        for (int j = 0; j < features; j++) {
            ColumnScale x = inputs.get(j);
            int k = j * outputs + o;
            double scale = targetStd / x.std();
            out.add(Estimate.gaussian(prefix + "coef[" + x.name() + "]", wMu[k] * scale, wSigma[k] * scale));
            double shift = x.mean() / x.std();
            interceptMean -= wMu[k] * shift;
            interceptVar += wSigma[k] * wSigma[k] * shift * shift;
        }
        out.add(Estimate.gaussian(prefix + "intercept", targetMean + targetStd * interceptMean, targetStd * Math.sqrt(interceptVar)));
        return out;
    }

    private Estimate noiseScale() {
        if (spec.likelihood().noiseModel() != NoiseModel.HETEROSCEDASTIC) {
            return Estimate.point("noise_scale", targetStd * Math.exp(posterior.noiseLogSigma()));
        }
        double m = bMu[1];
        double v = bSigma[1];
        double floor = posterior.logVarianceFloor();
        double q05 = targetStd * Math.exp(0.5 * HeteroscedasticLikelihood.predictiveLogVariance(m - Estimate.Z95 * v, floor));
        double q95 = targetStd * Math.exp(0.5 * HeteroscedasticLikelihood.predictiveLogVariance(m + Estimate.Z95 * v, floor));
        double mean;
        double std;
        if (!(v > 0)) {
            mean = targetStd * Math.exp(0.5 * HeteroscedasticLikelihood.predictiveLogVariance(m, floor));
            std = 0;
        } else if (Double.isNaN(floor)) { // log-normal
            mean = targetStd * Math.exp(m / 2 + v * v / 8);
            std = mean * Math.sqrt(Math.expm1(v * v / 4));
        } else { // X = sy exp(max(s, f) / 2): below the floor X = sy exp(f / 2), above it the log-normal's tail
            NoiseDistribution normal = NoiseDistribution.GAUSSIAN;
            double below = normal.cdf((floor - m) / v);
            double first = Math.exp(floor / 2) * below + Math.exp(m / 2 + v * v / 8) * normal.cdf((m + v * v / 2 - floor) / v);
            double second = Math.exp(floor) * below + Math.exp(m + v * v / 2) * normal.cdf((m + v * v - floor) / v);
            mean = targetStd * first;
            std = targetStd * Math.sqrt(Math.max(0, second - first * first));
        }
        return new Estimate("noise_scale", mean, std, q05, q95);
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    private static double[] sigmas(float[] rho) {
        double[] out = new double[rho.length];
        for (int i = 0; i < rho.length; i++) out[i] = Softplus.value(rho[i]);
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
