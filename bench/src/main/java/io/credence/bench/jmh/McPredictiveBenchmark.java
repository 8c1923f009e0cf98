package io.credence.bench.jmh;

import io.credence.bench.core.ReferenceModel;
import io.credence.bench.core.SviWorkload;
import io.credence.bench.core.SyntheticData;
import io.credence.bnn.predictive.PredictiveSummary;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.spec.Estimator;
import io.credence.bnn.spec.ModelSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Predictor#predict} call (S Monte Carlo draws from the cached sample bank, then the summaries) on a batch of
 * test rows, for a posterior trained one epoch on the reference's synthetic data, with Gaussian or Student-t noise.
 * Examples/s = rows / (time per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dlogback.configurationFile=bench-logback.xml",
        "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class McPredictiveBenchmark {
    /** Hidden widths, comma-separated. */
    @Param({"50", "50,50", "200,200", "512,512"})
    public String hidden;
    /** Rows per call: the core benchmark's score batch, and a stream micro-batch. */
    @Param({"1024", "32"})
    public int rows;
    @Param({"100"})
    public int samples;
    /**
     * Degrees of freedom of the noise: {@code inf} for Gaussian, else Student-t, whose interval and quantiles read a
     * different CDF table and the exact incomplete-beta tails beyond nine scales.
     */
    @Param({"inf", "4"})
    public String noiseDof;

    private Predictor predictor;
    private double[][] x;
    private final double[] noQuantiles = new double[0];

    @Setup
    public void setUp() {
        List<Integer> widths = Arrays.stream(hidden.split(",")).map(Integer::valueOf).toList();
        SyntheticData data = SyntheticData.generate(5000 + rows, 13, 7);
        ModelSpec spec = ReferenceModel.spec(13, widths, 32, Estimator.REPARAMETERIZATION, data.trainX().length, 7).toBuilder()
                .likelihood(l -> l.withNoiseDegreesOfFreedom(
                        noiseDof.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(noiseDof))).build();
        SviWorkload workload = new SviWorkload(spec, data.trainX(), data.trainY());
        workload.epoch();
        predictor = Predictor.of(workload.posterior(), 7);
        x = Arrays.copyOf(data.trainX(), rows);
        predictor.predict(x, samples);
    }

    /** Interval and the five default quantiles: what the scorer serves. */
    @Benchmark
    public PredictiveSummary[] predict() {
        return predictor.predict(x, samples);
    }

    /** The 90% interval only. */
    @Benchmark
    public PredictiveSummary[] predictIntervalOnly() {
        return predictor.predict(x, samples, noQuantiles);
    }
}
