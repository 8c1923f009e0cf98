package io.credence.system.faults;

import io.credence.avro.Prediction;
import io.credence.avro.TrainingMetrics;
import io.credence.broker.PerTestClass;
import io.credence.kit.Http;
import io.credence.kit.TopicLog;
import io.credence.scorer.ScorerApp;
import io.credence.system.harness.AppConfig;
import io.credence.broker.Await;
import io.credence.system.harness.Feeder;
import io.credence.system.harness.Kafka;
import io.credence.system.harness.PredictionLedger;
import io.credence.system.harness.Recovery;
import io.credence.system.harness.TrainingLedger;
import io.credence.system.harness.Wire;
import io.credence.trainer.TrainerApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker restarts under a running pipeline: the trainer and the scorer (in this JVM, exactly_once_v2) train and
 * score a steady feed; the broker stops gracefully and starts again on the same log dir, three times (back at once, after 2 s,
 * after 15 s), while records keep arriving. Both apps recover by themselves (no restart, no operator action: their Kafka Streams clients return to
 * RUNNING and /health reports UP), and the exactly-once counts hold under read_committed.
 */
class BrokerRestartIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final List<String> MODELS = List.of("alpha", "beta");
    /**
     * How long the broker stays down at each restart: at once, then longer than the apps' transaction timeout (10 s
     * under exactly_once_v2), so that open transactions time out and the apps' producers must recover from that.
     */
    private static final List<Duration> OUTAGES = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(15));
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final PerTestClass<Kafka> kafka = new PerTestClass<>(Kafka::start);

    @TempDir
    Path tmp;

    @Test
    void bothAppsRideOutBrokerRestartsWithoutLosingOrRepeatingARecord() throws Exception {
        long start = System.nanoTime();
        try (TrainerApp trainer = TrainerApp.start(AppConfig.trainer(kafka.get(), "broker-restart-trainer", tmp.resolve("trainer")));
             ScorerApp scorer = ScorerApp.start(AppConfig.scorer(kafka.get(), "broker-restart-scorer", tmp.resolve("scorer")));
             Feeder feeder = new Feeder(kafka.get(), MODELS, 8);
             TopicLog metrics = TopicLog.committed(kafka.get().bootstrapServers(), "training-metrics");
             TopicLog predictions = TopicLog.committed(kafka.get().bootstrapServers(), "predictions")) {
            trainer.awaitRunning(WAIT);
            scorer.awaitRunning(WAIT);
            feeder.start(Duration.ofMillis(250));

            List<Instant> back = new ArrayList<>();
            for (int i = 0; i < OUTAGES.size(); i++) {
                int metricsBefore = metrics.catchUp().size();
                int predictionsBefore = predictions.catchUp().size();
                Await.until("both apps commit output before restart " + (i + 1), WAIT,
                        () -> metrics.catchUp().size() > metricsBefore && predictions.catchUp().size() > predictionsBefore);
                Duration away = kafka.get().restart(OUTAGES.get(i));
                back.add(Instant.now());
                log.info("broker restart {} of {}: stopped and back in {} ms", i + 1, OUTAGES.size(), away.toMillis());
            }
            int metricsAfter = metrics.catchUp().size();
            int predictionsAfter = predictions.catchUp().size();
            long ticksAfter = feeder.ticks();
            Await.until("both apps commit output after the last restart while 20 more ticks arrive", WAIT,
                    () -> metrics.catchUp().size() > metricsAfter && predictions.catchUp().size() > predictionsAfter
                            && feeder.ticks() >= ticksAfter + 20);
            feeder.stop();

            Await.until("the apps finish the feed", WAIT, () -> {
                TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), List.of());
                return MODELS.stream().allMatch(m -> ledger.recordsSeen(m) >= feeder.labeled(m))
                        && predictions.catchUp().size() >= feeder.requests().size();
            });
            trainer.awaitRunning(WAIT);
            scorer.awaitRunning(WAIT);
            assertThat(Http.get(trainer.url(), "/health").status()).as("trainer /health").isEqualTo(200);
            assertThat(Http.get(scorer.url(), "/health").status()).as("scorer /health").isEqualTo(200);

            List<TrainingMetrics> committedMetrics = Wire.metrics(metrics.catchUp());
            List<Prediction> committedPredictions = Wire.predictions(predictions.catchUp());
            try (TopicLog snapshots = TopicLog.committed(kafka.get().bootstrapServers(), "posterior-snapshots")) {
                TrainingLedger ledger = TrainingLedger.of(committedMetrics, Wire.snapshots(snapshots.catchUp()));
                for (String model : MODELS) {
                    ledger.assertTrainedExactlyOnce(model, feeder.labeled(model), AppConfig.BATCH);
                    log.info("model {}: {} records produced, {} trained in {} updates, snapshot versions {}..{}", model,
                            feeder.labeled(model), ledger.recordsSeen(model), ledger.updates(model), ledger.versions(model).get(0),
                            ledger.versions(model).get(ledger.versions(model).size() - 1));
                }
            }
            PredictionLedger.of(committedPredictions).assertExactlyOnce(feeder.requests());
            assertThat(kafka.get().committed("stream-trainer.dlq")).as("trainer dead letters of good input").isEmpty();
            assertThat(kafka.get().committed("stream-scorer.dlq")).as("scorer dead letters of good input").isEmpty();
            log.info("{} feature records, {} committed predictions, one per request", feeder.requests().size(),
                    committedPredictions.size());
            log.info("trainer: broker back to next committed update {}", Recovery.summary(Recovery.after(back,
                    committedMetrics.stream().map(TrainingMetrics::getTimeMillis).toList())));
            log.info("scorer: broker back to next committed prediction {}", Recovery.summary(Recovery.after(back,
                    committedPredictions.stream().map(Prediction::getScoredAt).toList())));
            log.info("wall time: {} s", (System.nanoTime() - start) / 1_000_000_000);
        }
    }
}
