package io.credence.scorer.scoring;

import io.credence.bnn.model.Posterior;
import io.credence.bnn.predictive.Predictor;
import io.credence.bnn.predictive.SampleBankBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model in use for each model id: each (modelId, version) is decoded once into a {@link Predictor} when its
 * snapshot arrives, then shared read-only by every stream task and HTTP request of this instance; their Monte Carlo
 * weight draws share one {@link SampleBankBudget}. Thread-safe: the global stream thread writes, everyone else reads.
 */
public final class PredictorCache {
    private static final Logger log = LoggerFactory.getLogger(PredictorCache.class);
    /** 2^64 / golden ratio: multiplying by it spreads consecutive versions over the whole seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();
    private final Clock clock;
    private final double[] quantileLevels;
    private final SampleBankBudget banks;

    /**
     * An empty cache whose models report the quantiles at {@code quantileLevels}, timing loads with {@code clock},
     * their sample banks held within {@code banks}.
     */
    public PredictorCache(Clock clock, double[] quantileLevels, SampleBankBudget banks) {
        this.clock = clock;
        this.quantileLevels = quantileLevels.clone();
        this.banks = banks;
    }

    /** The bound on every model's sample banks. */
    public SampleBankBudget banks() {
        return banks;
    }

    /**
     * The seed of the posterior draws of one snapshot: {@code specSeed XOR (version * 0x9E3779B97F4A7C15)}. Both the
     * stream path and POST /predict use it, so the same version, input and sample count give the same prediction; a
     * new version gets fresh, uncorrelated draws.
     */
    public static long seed(long specSeed, long version) {
        return specSeed ^ (version * GOLDEN_GAMMA);
    }

    /**
     * Makes {@code version} the model in use for {@code modelId}, decoding it unless that version is already in use
     * (a global-store restore replays snapshots already seen). The newest record of the compacted topic wins, even if
     * its version is lower (a reset trainer starts again from 1).
     */
    public LoadedModel load(String modelId, long version, Posterior posterior, Instant createdAt) {
        LoadedModel current = models.get(modelId);
        if (current != null && current.version() == version) {
            return current;
        }
        if (current != null && version < current.version()) {
            log.warn("model {}: snapshot version {} replaces newer version {} (was its trainer reset?)", modelId, version, current.version());
        }
        Predictor predictor = Predictor.of(posterior, seed(posterior.spec().seed(), version), banks);
        LoadedModel loaded = new LoadedModel(modelId, version, predictor, createdAt, clock.instant(),
                posterior.recordsSeen(), posterior.inputs(), quantileLevels);
        LoadedModel replaced = models.put(modelId, loaded);
        if (replaced != null) banks.release(replaced.predictor());
        return loaded;
    }

    /** Forgets a model whose snapshot was deleted (a tombstone on the compacted topic). */
    public void remove(String modelId) {
        LoadedModel removed = models.remove(modelId);
        if (removed != null) banks.release(removed.predictor());
    }

    /** The model in use for {@code modelId}, if a snapshot has arrived. */
    public Optional<LoadedModel> current(String modelId) {
        return Optional.ofNullable(models.get(modelId));
    }

    /** Every model in use, sorted by id. */
    public List<LoadedModel> all() {
        return models.values().stream().sorted((a, b) -> a.modelId().compareTo(b.modelId())).toList();
    }
}
