package io.credence.bench.drift;

import io.credence.bnn.inference.OnlineLearner;
import io.credence.bnn.inference.StepReport;
import io.credence.bnn.spec.ModelSpec;

/**
 * Learns one stream with one spec and records its prequential NLL curve. The learner scores each mini-batch before
 * learning it; the batch's own NLL is recovered from the change of the cumulative prequential sum.
 */
public final class DriftRun {
    private DriftRun() {}

    /**
     * @param spec     the model (its batch size is used)
     * @param records  stream length, a multiple of the batch size
     * @param changeAt first record of the changed target (Long.MAX_VALUE: stationary)
     * @param seed     seed of the stream (the spec carries the model's own seed)
     */
    public static NllCurve run(ModelSpec spec, long records, long changeAt, long seed) {
        int batch = spec.optimiser().batchSize();
        if (records % batch != 0) throw new IllegalArgumentException("records " + records + " is not a multiple of the batch " + batch);
        OnlineLearner learner = OnlineLearner.create(spec);
        DriftStream stream = new DriftStream(seed, changeAt);
        double[] nll = new double[(int) (records / batch)];
        double[][] x = new double[batch][];
        double[] y = new double[batch];
        double sumBefore = 0, countBefore = 0;
        for (int b = 0; b < nll.length; b++) {
            stream.next(x, y);
            StepReport report = learner.learn(x, y, null);
            double count = report.cumulative().count();
            double sum = report.cumulative().nll() * count;
            nll[b] = report.accepted() && count > countBefore ? (sum - sumBefore) / (count - countBefore) : Double.NaN;
            sumBefore = sum;
            countBefore = count;
        }
        return new NllCurve(batch, nll);
    }
}
