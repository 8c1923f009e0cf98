package io.credence.schemas.codec;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Standardizer;
import io.credence.avro.Tensor;
import io.credence.avro.TrainingMetrics;
import io.credence.bnn.model.LayerPosterior;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.data.StandardizerState;
import io.credence.bnn.spec.ModelSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts a core {@link Posterior} to the Avro {@link PosteriorSnapshot} published to posterior-snapshots and back;
 * float32 parameters survive bit-exactly, a NaN noiseLogSigma or logVarianceFloor is written as null.
 */
public final class PosteriorCodec {

    private PosteriorCodec() {}

    /**
     * The snapshot of {@code posterior}.
     *
     * @param version         snapshot version, strictly increasing per model from 1
     * @param createdAtMillis wall-clock publication time, epoch milliseconds
     * @param metrics         newest training metrics, or null
     */
    public static PosteriorSnapshot toAvro(Posterior posterior, long version, long createdAtMillis, TrainingMetrics metrics) {
        List<io.credence.avro.LayerPosterior> layers = new ArrayList<>(posterior.layers().size());
        for (LayerPosterior l : posterior.layers()) {
            layers.add(io.credence.avro.LayerPosterior.newBuilder()
                    .setWeightMu(TensorCodec.toAvro(l.weightMu(), l.fanIn(), l.fanOut()))
                    .setWeightRho(TensorCodec.toAvro(l.weightRho(), l.fanIn(), l.fanOut()))
                    .setBiasMu(TensorCodec.toAvro(l.biasMu(), l.fanOut()))
                    .setBiasRho(TensorCodec.toAvro(l.biasRho(), l.fanOut()))
                    .build());
        }
        return PosteriorSnapshot.newBuilder()
                .setModelId(posterior.spec().modelId())
                .setVersion(version)
                .setSpec(ModelSpecCodec.toAvro(posterior.spec()))
                .setLayers(layers)
                .setNoiseLogSigma(Double.isNaN(posterior.noiseLogSigma()) ? null : posterior.noiseLogSigma())
                .setLogVarianceFloor(Double.isNaN(posterior.logVarianceFloor()) ? null : posterior.logVarianceFloor())
                .setInputStandardizer(toAvro(posterior.inputs()))
                .setTargetStandardizer(posterior.target() == null ? null : toAvro(posterior.target()))
                .setRecordsSeen(posterior.recordsSeen())
                .setUpdates(posterior.updates())
                .setCreatedAt(Instant.ofEpochMilli(createdAtMillis))
                .setMetrics(metrics)
                .build();
    }

    /**
     * The core posterior in {@code snapshot}; its version, creation time and metrics stay readable on the snapshot.
     *
     * @throws IllegalArgumentException naming the model when the snapshot is one part of a snapshot in parts, the spec
     *                                  is invalid, a tensor's shape disagrees with the spec, or the snapshot's model id
     *                                  differs from its spec's
     */
    public static Posterior toCore(PosteriorSnapshot snapshot) {
        if (snapshot.getPart() != null) {
            throw new IllegalArgumentException("snapshot of model " + snapshot.getModelId() + " version " + snapshot.getVersion()
                    + " is part " + snapshot.getPart().getIndex() + " of " + snapshot.getPart().getCount()
                    + ": assemble its parts first (SnapshotAssembler)");
        }
        ModelSpec spec = ModelSpecCodec.toCore(snapshot.getSpec());
        if (!spec.modelId().equals(snapshot.getModelId())) {
            throw new IllegalArgumentException("snapshot of model " + snapshot.getModelId() + " carries the spec of model " + spec.modelId());
        }
        try {
            int[] widths = spec.layerWidths();
            List<io.credence.avro.LayerPosterior> avroLayers = snapshot.getLayers();
            if (avroLayers.size() != widths.length - 1) {
                throw new IllegalArgumentException("spec has " + (widths.length - 1) + " layers " + Arrays.toString(widths)
                        + ", snapshot has " + avroLayers.size());
            }
            List<LayerPosterior> layers = new ArrayList<>(avroLayers.size());
            for (int i = 0; i < avroLayers.size(); i++) {
                layers.add(layer(i, avroLayers.get(i), widths[i], widths[i + 1]));
            }
            Double noise = snapshot.getNoiseLogSigma();
            Double floor = snapshot.getLogVarianceFloor();
            return new Posterior(spec, layers, noise == null ? Double.NaN : noise, floor == null ? Double.NaN : floor,
                    toCore(snapshot.getInputStandardizer()),
                    snapshot.getTargetStandardizer() == null ? null : toCore(snapshot.getTargetStandardizer()),
                    snapshot.getRecordsSeen(), snapshot.getUpdates());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid snapshot of model " + spec.modelId() + " version "
                    + snapshot.getVersion() + ": " + e.getMessage(), e);
        }
    }

    /** The Avro form of a Welford standardiser state. */
    public static Standardizer toAvro(StandardizerState state) {
        return new Standardizer(state.count(), boxed(state.mean()), boxed(state.m2()));
    }

    /** The core form of a Welford standardiser state. */
    public static StandardizerState toCore(Standardizer avro) {
        return new StandardizerState(avro.getCount(), unboxed(avro.getMean()), unboxed(avro.getM2()));
    }

    private static LayerPosterior layer(int index, io.credence.avro.LayerPosterior avro, int fanIn, int fanOut) {
        return new LayerPosterior(fanIn, fanOut,
                values(index, "weightMu", avro.getWeightMu(), fanIn, fanOut),
                values(index, "weightRho", avro.getWeightRho(), fanIn, fanOut),
                values(index, "biasMu", avro.getBiasMu(), fanOut),
                values(index, "biasRho", avro.getBiasRho(), fanOut));
    }

    private static float[] values(int layer, String name, Tensor tensor, int... shape) {
        try {
            return TensorCodec.toFloats(tensor, shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + layer + " " + name + ": " + e.getMessage(), e);
        }
    }

    static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
