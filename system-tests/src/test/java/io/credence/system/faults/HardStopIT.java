package io.credence.system.faults;

import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.broker.PerTestClass;
import io.credence.kit.TopicLog;
import io.credence.scorer.ScorerApplication;
import io.credence.system.harness.AppConfig;
import io.credence.broker.Await;
import io.credence.system.harness.Feeder;
import io.credence.system.harness.Kafka;
import io.credence.system.harness.PredictionLedger;
import io.credence.system.harness.Recovery;
import io.credence.system.harness.TrainingLedger;
import io.credence.system.harness.Wire;
import io.credence.trainer.TrainerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hard stops of the whole pipeline: the trainer and the scorer run in child JVMs under exactly_once_v2 while good
 * records keep arriving, and each is killed with SIGKILL five times, every time in the middle of a transaction
 * (observed on its output topic), and restarted on the same state directory. At the end, under read_committed: every
 * labeled record was trained exactly once (update numbers 1..N once each, recordsSeen = records produced, per model),
 * snapshot versions strictly increase, and every feature record has exactly one prediction.
 */
class HardStopIT {

    private static final Logger log = LoggerFactory.getLogger(HardStopIT.class);
    private static final List<String> MODELS = List.of("alpha", "beta");
    private static final int KILLS = 5;
    /** Bound of each wait: a restart under a loaded 2-core machine takes tens of seconds. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final PerTestClass<Kafka> kafka = new PerTestClass<>(Kafka::start);

    @TempDir
    Path tmp;

    @Test
    void bothAppsKilledFiveTimesMidTransactionLoseAndRepeatNothing() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "hard-stop"));
        long start = System.nanoTime();
        try (CrashLoop trainer = new CrashLoop("trainer", TrainerApplication.class,
                     AppConfig.killable(AppConfig.trainer(kafka.get(), "hard-stop-trainer", tmp.resolve("trainer"))),
                     logs, kafka.get().bootstrapServers(), "training-metrics");
             Feeder feeder = new Feeder(kafka.get(), MODELS, 8);
             TopicLog metrics = TopicLog.committed(kafka.get().bootstrapServers(), "training-metrics");
             TopicLog predictions = TopicLog.committed(kafka.get().bootstrapServers(), "predictions")) {
            // One app at a time creates the topics, then the scorer finds them all.
            Await.until("the trainer creates its topics", WAIT, () -> {
                trainer.requireAlive();
                return kafka.get().hasTopic("posterior-snapshots") && kafka.get().hasTopic("training-metrics");
            });
            try (CrashLoop scorer = new CrashLoop("scorer", ScorerApplication.class,
                    AppConfig.killable(AppConfig.scorer(kafka.get(), "hard-stop-scorer", tmp.resolve("scorer"))),
                    logs, kafka.get().bootstrapServers(), "predictions")) {
                Await.until("the scorer creates its topics", WAIT, () -> {
                    scorer.requireAlive();
                    return kafka.get().hasTopic(Feeder.FEATURES);
                });
                feeder.start(Duration.ofMillis(250));
                for (int i = 0; i < KILLS; i++) {
                    trainer.killMidTransaction(WAIT);
                    scorer.killMidTransaction(WAIT);
                }
                trainer.awaitCommittedOutput(WAIT);
                scorer.awaitCommittedOutput(WAIT);
                feeder.stop();
                long killsDone = System.nanoTime();

                Duration drain = Await.until("the last instances finish the feed", WAIT, () -> {
                    trainer.requireAlive();
                    scorer.requireAlive();
                    TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), List.of());
                    return MODELS.stream().allMatch(m -> ledger.recordsSeen(m) >= feeder.labeled(m))
                            && predictions.catchUp().size() >= feeder.requests().size();
                });
                trainer.stop();
                scorer.stop();

                List<TrainingMetrics> committedMetrics = Wire.metrics(metrics.catchUp());
                List<Prediction> committedPredictions = Wire.predictions(predictions.catchUp());
                try (TopicLog snapshots = TopicLog.committed(kafka.get().bootstrapServers(), "posterior-snapshots");
                     TopicLog written = TopicLog.uncommitted(kafka.get().bootstrapServers(), "training-metrics")) {
                    TrainingLedger ledger = TrainingLedger.of(committedMetrics, Wire.snapshots(snapshots.catchUp()));
                    for (String model : MODELS) {
                        ledger.assertTrainedExactlyOnce(model, feeder.labeled(model), AppConfig.BATCH);
                        log.info("model {}: {} records produced, {} trained in {} updates, {} snapshots, versions {}..{}",
                                model, feeder.labeled(model), ledger.recordsSeen(model), ledger.updates(model),
                                ledger.versions(model).size(), ledger.versions(model).get(0),
                                ledger.versions(model).get(ledger.versions(model).size() - 1));
                    }
                    int all = written.catchUp().size();
                    log.info("training-metrics: {} records committed, {} written in all (aborted ones included)",
                            committedMetrics.size(), all);
                    assertThat(all).as("the kills aborted training output in flight").isGreaterThan(committedMetrics.size());
                }
                assertThat(kafka.get().committed("stream-trainer.dlq")).as("trainer dead letters of good input").isEmpty();
                assertThat(kafka.get().committed("stream-scorer.dlq")).as("scorer dead letters of good input").isEmpty();
                Set<String> requested = feeder.requests();
                PredictionLedger.of(committedPredictions).assertExactlyOnce(requested);
                log.info("{} feature records, {} committed predictions, one per request", requested.size(), committedPredictions.size());

                assertThat(trainer.kills()).hasSize(KILLS);
                assertThat(scorer.kills()).hasSize(KILLS);
                log.info("trainer: kill to next committed update {}", Recovery.summary(Recovery.after(trainer.kills(),
                        committedMetrics.stream().map(TrainingMetrics::getTimeMillis).toList())));
                log.info("scorer: kill to next committed prediction {}", Recovery.summary(Recovery.after(scorer.kills(),
                        committedPredictions.stream().map(Prediction::getScoredAt).toList())));
                log.info("wall time: {} s with {} kills of each app, {} s to drain the feed, {} s in all",
                        (killsDone - start) / 1_000_000_000, KILLS, drain.toSeconds(), (System.nanoTime() - start) / 1_000_000_000);
            }
        }
    }
}
