package io.credence.bnn.layer;

import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;

/**
 * Host-side access to ND4J arrays for the element-wise loops: {@link #read} makes the host copy current before Java
 * reads it, {@link #written} marks it as the newest after Java writes it. On the CPU backend both are no-ops; on CUDA
 * they keep host and device copies coherent around the GEMMs.
 */
public final class HostMemory {
    private HostMemory() {}

    /** The array's host buffer (whole, non-view array), synchronised from the device if needed. */
    public static DoubleBuffer read(INDArray a) {
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        return a.data().asNioDouble();
    }

    /** Marks the host copy as the current one after Java wrote into it. */
    public static void written(INDArray a) {
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }
}
