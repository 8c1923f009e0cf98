package io.credence.trainer.config;

import io.credence.bnn.spec.ModelSpec;

import java.time.Duration;

/**
 * How the trainer treats models: the spec of a model that has none, and its wall-clock cadences.
 *
 * @param defaultSpec        spec used for a model without one on model-specs (its model id is replaced)
 * @param idleFlush          a partial mini-batch untouched this long is learned as it is; {@link Duration#ZERO} = never
 * @param punctuateInterval  how often the wall-clock punctuator checks idle batches and time-based snapshots
 * @param inputKeyedByModel  every labeled record and spec must be keyed by model id with Kafka's default partitioner:
 *                           no repartition topic, a record elsewhere is dead-lettered (see TrainerTopology)
 * @param rehearsalCpuShare  CPU time, in cores, the instance may spend rehearsing models whose stream is quiet
 * @param maxModelsInMemory  learners the instance keeps in memory, all its tasks together, beyond which the least recently
 *                           active ones without a partial batch are checkpointed and dropped, to be restored from the
 *                           stores on their next input
 * @param modelSize          the largest model the trainer takes (a larger spec is dead-lettered as INVALID_SPEC)
 */
public record TrainerSettings(ModelSpec defaultSpec, Duration idleFlush, Duration punctuateInterval, boolean inputKeyedByModel,
                              double rehearsalCpuShare, int maxModelsInMemory, ModelSizeLimit modelSize) {

    public TrainerSettings {
        if (defaultSpec == null) throw new IllegalArgumentException("defaultSpec must be set");
        if (modelSize == null) throw new IllegalArgumentException("modelSize must be set");
        modelSize.violation(defaultSpec).ifPresent(why -> {
            throw new IllegalArgumentException("credence.trainer.default-spec: " + why);
        });
        if (idleFlush == null || idleFlush.isNegative()) {
            throw new IllegalArgumentException("credence.trainer.idle-flush must be >= 0, got " + idleFlush);
        }
        if (punctuateInterval == null || punctuateInterval.isNegative() || punctuateInterval.isZero()) {
            throw new IllegalArgumentException("credence.trainer.punctuate-interval must be > 0, got " + punctuateInterval);
        }
        if (!(rehearsalCpuShare >= 0 && rehearsalCpuShare <= 64)) {
            throw new IllegalArgumentException("credence.trainer.rehearsal-cpu-share must be in [0, 64] cores, got " + rehearsalCpuShare);
        }
        if (maxModelsInMemory < 1) {
            throw new IllegalArgumentException("credence.trainer.max-models-in-memory must be >= 1, got " + maxModelsInMemory);
        }
    }

    /** The default spec under {@code modelId}. */
    public ModelSpec defaultSpecFor(String modelId) {
        return defaultSpec.toBuilder().modelId(modelId).build();
    }
}
