package io.credence.trainer.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Builds {@link TrainerSettings} from {@code credence.trainer}, the default spec through {@link DefaultSpecProperties};
 * a bad default spec fails start-up with its reason.
 */
@Factory
public class SettingsFactory {

    @Singleton
    TrainerSettings trainerSettings(Environment environment,
                                    @Value("${credence.trainer.idle-flush}") Duration idleFlush,
                                    @Value("${credence.trainer.punctuate-interval}") Duration punctuateInterval,
                                    @Value("${credence.trainer.input-keyed-by-model}") boolean inputKeyedByModel,
                                    @Value("${credence.trainer.rehearsal-cpu-share}") double rehearsalCpuShare,
                                    @Value("${credence.trainer.max-models-in-memory}") int maxModelsInMemory,
                                    @Value("${credence.trainer.max-model-mib}") long maxModelMib) {
        return new TrainerSettings(DefaultSpecProperties.read(environment, "default"), idleFlush, punctuateInterval,
                inputKeyedByModel, rehearsalCpuShare, maxModelsInMemory,
                ModelSizeLimit.of(maxModelMib, Runtime.getRuntime().maxMemory()));
    }
}
