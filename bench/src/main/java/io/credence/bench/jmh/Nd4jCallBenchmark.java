package io.credence.bench.jmh;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The fixed cost of one ND4J call on the CPU backend, next to the arithmetic it wraps: a 2x2 GEMM (all overhead), the
 * core shapes' GEMMs into existing arrays, the same GEMM allocating its result, and allocations of a small and a
 * score-batch-sized array. These numbers are why bnn-core does element-wise work in Java loops and reuses arrays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=6G", "-Dlogback.configurationFile=bench-logback.xml"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jCallBenchmark {
    private INDArray a2, b2, c2;
    private INDArray x32, w, out32;
    private INDArray x1k, out1k;
    private INDArray h1k, w50;
    private double[] raw32;

    @Setup
    public void setUp() {
        SingleThread.pin();
        a2 = Nd4j.rand(DataType.DOUBLE, 2, 2);
        b2 = Nd4j.rand(DataType.DOUBLE, 2, 2);
        c2 = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        x32 = Nd4j.rand(DataType.DOUBLE, 32, 13);
        w = Nd4j.rand(DataType.DOUBLE, 13, 50);
        out32 = Nd4j.zeros(DataType.DOUBLE, 32, 50);
        x1k = Nd4j.rand(DataType.DOUBLE, 1024, 13);
        out1k = Nd4j.zeros(DataType.DOUBLE, 1024, 50);
        h1k = Nd4j.rand(DataType.DOUBLE, 1024, 50);
        w50 = Nd4j.rand(DataType.DOUBLE, 50, 50);
        raw32 = new double[32 * 13];
    }

    @Benchmark
    public INDArray gemm2x2() {
        return Nd4j.gemm(a2, b2, c2, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray gemm32x13x50() {
        return Nd4j.gemm(x32, w, out32, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray gemm1024x13x50() {
        return Nd4j.gemm(x1k, w, out1k, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray gemm1024x50x50() {
        return Nd4j.gemm(h1k, w50, out1k, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray mmul1024x13x50Allocating() {
        return x1k.mmul(w);
    }

    @Benchmark
    public INDArray create32x13() {
        return Nd4j.create(raw32, new long[] {32, 13}, 'c');
    }

    @Benchmark
    public INDArray zeros1024x50() {
        return Nd4j.zeros(DataType.DOUBLE, 1024, 50);
    }
}
