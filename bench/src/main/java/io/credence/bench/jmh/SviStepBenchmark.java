package io.credence.bench.jmh;

import io.credence.bench.core.ReferenceModel;
import io.credence.bench.core.SyntheticData;
import io.credence.bnn.inference.ElboEstimate;
import io.credence.bnn.inference.Svi;
import io.credence.bnn.model.BayesianNetwork;
import io.credence.bnn.optim.Adam;
import io.credence.bnn.prior.GaussianPrior;
import io.credence.bnn.prior.Prior;
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
 * One {@link Svi#step} (ELBO gradient + Adam) on a fixed standardised mini-batch of the reference's synthetic data, for
 * the core benchmark's shapes. Examples/s = batch / (time per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dlogback.configurationFile=bench-logback.xml",
        "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SviStepBenchmark {
    /** Hidden widths, comma-separated. */
    @Param({"50", "50,50", "200,200", "512,512"})
    public String hidden;
    @Param({"32", "256"})
    public int batch;
    @Param({"REPARAMETERIZATION", "LOCAL_REPARAMETERIZATION"})
    public Estimator estimator;

    private Svi svi;
    private Prior prior;
    private double[] x;
    private double[] y;
    private double[] weights;
    private double klScale;
    private long seed;

    @Setup
    public void setUp() {
        List<Integer> widths = Arrays.stream(hidden.split(",")).map(Integer::valueOf).toList();
        SyntheticData data = SyntheticData.generate(10 * batch, 13, 7);
        ModelSpec spec = ReferenceModel.spec(13, widths, batch, estimator, data.trainX().length, 7);
        BayesianNetwork network = BayesianNetwork.initialise(spec);
        svi = new Svi(network, new Adam(network.parameters(), spec.optimiser().learningRate(),
                spec.optimiser().clipNorm()));
        prior = GaussianPrior.isotropic(network.layout().size(), 0, 1);
        double[] xs = new double[batch * 13];
        for (int b = 0; b < batch; b++) System.arraycopy(data.trainX()[b], 0, xs, b * 13, 13);
        x = xs;
        y = Arrays.copyOf(data.trainY(), batch);
        weights = new double[batch];
        Arrays.fill(weights, 1.0);
        klScale = 1.0 / data.trainX().length;
    }

    @Benchmark
    public ElboEstimate step() {
        return svi.step(x, y, weights, prior, klScale, seed++);
    }
}
