package io.credence.scorer.scoring;

import io.credence.bnn.predictive.SampleBankBudget;
import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.model.Posterior;
import io.credence.bnn.spec.ModelSpec;
import io.credence.scorer.TestModels;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** Decode-once caching per (model, version), the documented seed function, and micro-batch independence of a row's prediction. */
class PredictorCacheTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");
    private static final ModelSpec SPEC = TestModels.regression("m", 1);
    private final PredictorCache cache = new PredictorCache(Clock.fixed(NOW, ZoneOffset.UTC), new double[] {0.1, 0.9}, SampleBankBudget.NONE);

    @Test
    void aVersionIsDecodedOnceAndANewVersionReplacesIt() {
        Posterior v1 = TestModels.posterior(SPEC, 1);
        LoadedModel first = cache.load("m", 1, v1, NOW.minusSeconds(3));
        assertThat(cache.load("m", 1, v1, NOW.minusSeconds(3))).as("same version: the decoded model is reused").isSameAs(first);
        assertThat(first.loadedAt()).isEqualTo(NOW);
        assertThat(first.predictor().seed()).isEqualTo(PredictorCache.seed(SPEC.seed(), 1));

        LoadedModel second = cache.load("m", 2, TestModels.posterior(SPEC, 2), NOW);
        assertThat(cache.current("m")).containsSame(second);
        assertThat(cache.load("m", 1, v1, NOW).version()).as("the newest record of the compacted topic wins").isEqualTo(1);

        cache.remove("m");
        assertThat(cache.current("m")).isEmpty();
        assertThat(cache.all()).isEmpty();
    }

    @Test
    void aReplacedOrRemovedModelGivesBackItsSampleBanks() {
        PredictorCache bounded = new PredictorCache(Clock.fixed(NOW, ZoneOffset.UTC), new double[] {0.1, 0.9}, new SampleBankBudget(1L << 30));
        FeatureRecord row = TestModels.featureRecord("m", "r", null, 0.7);
        bounded.load("m", 1, TestModels.posterior(SPEC, 1), NOW).score(List.of(row), 50, 0);
        long oneBank = bounded.banks().bytes();
        assertThat(oneBank).isPositive();

        bounded.load("m", 2, TestModels.posterior(SPEC, 2), NOW).score(List.of(row), 50, 0);
        assertThat(bounded.banks().bytes()).as("version 1's bank is released, version 2's held").isEqualTo(oneBank);
        bounded.remove("m");
        assertThat(bounded.banks().bytes()).isZero();
    }

    @Test
    void theSeedMixesSpecSeedAndVersionAsDocumented() {
        assertThat(PredictorCache.seed(42, 0)).isEqualTo(42);
        assertThat(PredictorCache.seed(42, 1)).isEqualTo(42 ^ 0x9E3779B97F4A7C15L);
        assertThat(PredictorCache.seed(42, 2)).isNotEqualTo(PredictorCache.seed(42, 1)).isNotEqualTo(PredictorCache.seed(43, 1));
    }

    @Test
    void aRowGetsTheSamePredictionAloneOrInsideAMicroBatch() {
        LoadedModel model = cache.load("m", 1, TestModels.posterior(SPEC, 1), NOW);
        FeatureRecord row = TestModels.featureRecord("m", "r", null, 0.7);
        List<FeatureRecord> batch = List.of(TestModels.featureRecord("m", "a", null, -2), row, TestModels.featureRecord("m", "b", null, 3));

        Prediction alone = model.score(List.of(row), 20, 0).get(0);
        Prediction inBatch = model.score(batch, 20, 0).get(1);

        assertThat(inBatch.getMean()).isCloseTo(alone.getMean(), offset(1e-12));
        assertThat(inBatch.getEpistemicStd()).isCloseTo(alone.getEpistemicStd(), offset(1e-12));
        assertThat(inBatch.getQuantiles()).extracting(q -> q.getLevel()).containsExactly(0.1, 0.9);
        assertThat(model.score(List.of(row), 21, 0).get(0).getMean()).as("another S draws another bank").isNotEqualTo(alone.getMean());
    }
}
