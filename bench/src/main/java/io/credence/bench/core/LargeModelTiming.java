package io.credence.bench.core;

import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.TrainerState;
import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.Svi;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.optim.Adam;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.prior.Prior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.schemas.codec.LearnerStateCodec;
import io.credence.schemas.codec.PosteriorCodec;
import io.credence.schemas.parts.Parts;
import io.credence.schemas.parts.SnapshotAssembler;
import io.credence.schemas.parts.SnapshotParts;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.schemas.serde.TopicCodec;
import io.credence.schemas.serde.WireFormat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * What Blundell et al.'s MNIST network, a 784-1200-1200-10 classifier (2.4M weights; the product's default spec
 * otherwise), costs the apps in process, each figure the median of the repetitions after two warm-up runs:
 * <ul>
 *   <li>one SVI step ({@link Svi#step}: the ELBO's gradient, then Adam) on a mini-batch;</li>
 *   <li>one {@link OnlineLearner#learn} of a mini-batch: prequential scoring (10 draws), the step, the Polyak average;</li>
 *   <li>a checkpoint: the TrainerState encoded and cut into parts with their CRCs (the CPU work of a save), and joined
 *       and decoded again (of a restore);</li>
 *   <li>a snapshot's parts to its first prediction: assembled, checked and decoded, the predictor built, and one row
 *       scored with the spec's draws (the scorer's work between reading the last part and its first prediction).</li>
 * </ul>
 * Usage: {@code LargeModelTiming [BATCH] [REPETITIONS]} (defaults 32, 5).
 */
public final class LargeModelTiming {
    private LargeModelTiming() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ModelSpec spec = ModelSpec.classification("mnist", 784, 10).network(n -> n.withHidden(1200, 1200))
                .optimiser(o -> o.withBatchSize(batch)).build();
        Random random = new Random(1);
        double[][] x = new double[batch][spec.features()];
        double[] y = new double[batch];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < spec.features(); j++) x[i][j] = random.nextDouble();
            y[i] = random.nextInt(spec.classes());
        }
        System.out.printf(Locale.ROOT, "784-1200-1200-10 classifier, %,d weights and biases, mini-batches of %d, median of %d runs:%n",
                spec.parameterCount(), batch, repetitions);

        BayesianNetwork network = BayesianNetwork.initialise(spec);
        Svi svi = new Svi(network, new Adam(network.parameters(), spec.optimiser().learningRate(),
                spec.optimiser().clipNorm()));
        Prior prior = GaussianPrior.isotropic(network.layout().size(), 0, 1);
        double[] xs = Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray();
        double[] weights = new double[batch];
        Arrays.fill(weights, 1);
        long[] seed = {0};
        report("SVI step", repetitions, () -> time(() -> svi.step(xs, y, weights, prior, 1.0 / 60_000, seed[0]++)));

        OnlineLearner learner = OnlineLearner.create(spec);
        report("OnlineLearner.learn (prequential scoring, SVI step, Polyak average)", repetitions,
                () -> time(() -> learner.learn(x, y, null)));

        TrainerState state = LearnerStateCodec.toAvro(learner.state(), 1, System.currentTimeMillis()).build();
        byte[][] whole = new byte[1][];
        report("checkpoint save: encode, cut into parts, CRC-32C", repetitions, () -> time(() -> {
            whole[0] = AvroCodecs.trainerState().encode(state);
            for (byte[] part : Parts.split(whole[0], Parts.PART_BYTES)) Parts.crc32c(part);
        }));
        System.out.printf(Locale.ROOT, "  (checkpoint: %.1f MB in %d parts)%n", whole[0].length / 1e6,
                Parts.split(whole[0], Parts.PART_BYTES).size());
        List<byte[]> parts = Parts.split(whole[0], Parts.PART_BYTES);
        report("checkpoint restore: join, CRC-32C, decode, learner", repetitions, () -> time(() -> {
            byte[] joined = Parts.join(parts);
            Parts.crc32c(joined);
            OnlineLearner.restore(LearnerStateCodec.toCore(decode(joined)));
        }));

        TopicCodec<PosteriorSnapshot> codec = WireFormat.singleObject().on("posterior-snapshots", AvroCodecs.posteriorSnapshot());
        List<SnapshotParts.Keyed> records = SnapshotParts.of(codec, PosteriorCodec.toAvro(learner.posterior(), 1, System.currentTimeMillis(), null));
        System.out.printf(Locale.ROOT, "  (snapshot: %d parts, %.1f MB)%n", records.size(),
                records.stream().mapToLong(r -> r.value().length).sum() / 1e6);
        double[][] row = {x[0]};
        report("snapshot parts to first prediction: assemble, decode, predictor, one row at "
                + spec.scoring().scoreSamples() + " draws",
                repetitions, () -> time(() -> {
                    SnapshotAssembler assembler = new SnapshotAssembler(codec);
                    Optional<SnapshotAssembler.Whole> assembled = Optional.empty();
                    for (SnapshotParts.Keyed r : records) assembled = accept(assembler, r.value());
                    Predictor predictor = Predictor.of(PosteriorCodec.toCore(assembled.orElseThrow().snapshot()), 7);
                    predictor.predict(row, spec.scoring().scoreSamples());
                }));
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    /** Runs {@code run} twice to warm up, then {@code repetitions} times, and prints the median. */
    private static void report(String what, int repetitions, LongSupplier run) {
        for (int i = 0; i < 2; i++) run.getAsLong();
        long[] nanos = new long[repetitions];
        for (int i = 0; i < repetitions; i++) nanos[i] = run.getAsLong();
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: %.3f s (min %.3f, max %.3f)%n", what, nanos[repetitions / 2] / 1e9, nanos[0] / 1e9,
                nanos[repetitions - 1] / 1e9);
    }

    private static TrainerState decode(byte[] bytes) {
        try {
            return AvroCodecs.trainerState().decode(bytes);
        } catch (DecodeException e) {
            throw new IllegalStateException("a checkpoint just encoded does not decode: " + e.getMessage(), e);
        }
    }

    private static Optional<SnapshotAssembler.Whole> accept(SnapshotAssembler assembler, byte[] value) {
        try {
            return assembler.accept(value);
        } catch (DecodeException e) {
            throw new IllegalStateException("a snapshot part just written does not assemble: " + e.getMessage(), e);
        }
    }
}
