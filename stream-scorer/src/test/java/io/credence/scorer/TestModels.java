package io.credence.scorer;

import io.credence.avro.FeatureRecord;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;
import io.credence.bnn.spec.Task;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.serde.AvroCodecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Small, seeded test inputs: posteriors with random weights, their snapshot bytes, feature-record bytes. */
public final class TestModels {
    private TestModels() {}

    /** A one-feature regression spec with a small hidden layer, cheap to score. */
    public static ModelSpec regression(String modelId, int features) {
        return ModelSpec.regression(modelId, features).network(n -> n.withHidden(8))
                .scoring(sc -> sc.withScoreSamples(20)).seed(7).build();
    }

    /**
     * A posterior of {@code spec} with weights drawn from N(0, 0.5^2) and posterior sigmas around 0.05, trained (as
     * far as its standardisers say) on inputs with mean 0 and std 1 and, for regression, targets with mean 0 and std 1.
     */
    public static Posterior posterior(ModelSpec spec, long seed) {
        Random random = new Random(seed);
        int[] widths = spec.layerWidths();
        List<LayerPosterior> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            int in = widths[i];
            int out = widths[i + 1];
            layers.add(new LayerPosterior(in, out, gaussian(random, in * out, 0.5f), constant(in * out, -3f),
                    gaussian(random, out, 0.1f), constant(out, -3f)));
        }
        int f = spec.features();
        StandardizerState inputs = new StandardizerState(100, new double[f], filled(f, 100.0));
        if (spec.task() == Task.CLASSIFICATION) {
            return new Posterior(spec, layers, Double.NaN, Double.NaN, inputs, null, 100, 4);
        }
        StandardizerState target = new StandardizerState(100, new double[1], filled(1, 100.0));
        return new Posterior(spec, layers, Math.log(0.1), Double.NaN, inputs, target, 100, 4);
    }

    /** The single-object-encoded PosteriorSnapshot of {@code posterior} at {@code version}. */
    public static byte[] snapshotBytes(Posterior posterior, long version, Instant createdAt) {
        return AvroCodecs.posteriorSnapshot().encode(PosteriorCodec.toAvro(posterior, version, createdAt.toEpochMilli(), null));
    }

    /** A feature record. */
    public static FeatureRecord featureRecord(String modelId, String requestId, Integer samples, double... features) {
        return FeatureRecord.newBuilder().setModelId(modelId).setRequestId(requestId)
                .setFeatures(Arrays.stream(features).boxed().toList()).setEventTime(Instant.ofEpochMilli(1_000))
                .setSamples(samples).build();
    }

    /** The single-object encoding of a feature record. */
    public static byte[] featureBytes(String modelId, String requestId, Integer samples, double... features) {
        return AvroCodecs.featureRecord().encode(featureRecord(modelId, requestId, samples, features));
    }

    private static float[] gaussian(Random random, int n, float std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextGaussian() * std);
        return v;
    }

    private static float[] constant(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return v;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }
}
