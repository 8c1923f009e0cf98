package io.credence.bnn.spec;

/**
 * Adam on mini-batches, and the Polyak average that snapshots carry.
 *
 * @param learningRate   Adam step size
 * @param clipNorm       global gradient-norm clip, 0 = off
 * @param averagingDecay snapshots and predictions use an exponential moving average of the variational parameters
 *                       with this decay per update (Polyak averaging: about the last 1 / (1 - decay) updates, warmed
 *                       up over a young model's first ~9 / (1 - decay) updates); 0 = the latest parameters. Training
 *                       itself is unchanged
 * @param batchSize      records per mini-batch
 * @param stepsPerBatch  SVI steps per mini-batch
 */
public record OptimiserSpec(double learningRate, double clipNorm, double averagingDecay, int batchSize, int stepsPerBatch) {

    /** Adam at 0.003 with the gradient norm clipped at 100, Polyak averaging at 0.999, one step on each batch of 32. */
    public static final OptimiserSpec DEFAULT = new OptimiserSpec(0.003, 100, 0.999, 32, 1);

    public OptimiserSpec {
        Checks.positive("learningRate", learningRate);
        Checks.nonNegative("clipNorm", clipNorm);
        if (!(averagingDecay >= 0 && averagingDecay < 1)) {
            throw new IllegalArgumentException("averagingDecay must be in [0, 1) (0 = no averaging), got " + averagingDecay);
        }
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.atMost("batchSize", batchSize, ModelSpec.MAX_BATCH);
        Checks.atLeast("stepsPerBatch", stepsPerBatch, 1);
        Checks.atMost("stepsPerBatch", stepsPerBatch, 1000);
    }

    public OptimiserSpec withLearningRate(double v) { return new OptimiserSpec(v, clipNorm, averagingDecay, batchSize, stepsPerBatch); }
    public OptimiserSpec withClipNorm(double v) { return new OptimiserSpec(learningRate, v, averagingDecay, batchSize, stepsPerBatch); }
    /** Snapshot an exponential moving average of the parameters with this decay per update; 0 = off. */
    public OptimiserSpec withAveragingDecay(double v) { return new OptimiserSpec(learningRate, clipNorm, v, batchSize, stepsPerBatch); }
    public OptimiserSpec withBatchSize(int v) { return new OptimiserSpec(learningRate, clipNorm, averagingDecay, v, stepsPerBatch); }
    public OptimiserSpec withStepsPerBatch(int v) { return new OptimiserSpec(learningRate, clipNorm, averagingDecay, batchSize, v); }

    /** This section's settings (see {@link SpecSettings}). */
    OptimiserSpec settings(SpecSettings s) {
        return new OptimiserSpec(s.number("learningRate", learningRate), s.number("clipNorm", clipNorm),
                s.number("averagingDecay", averagingDecay), s.whole("batchSize", batchSize),
                s.whole("stepsPerBatch", stepsPerBatch));
    }
}
