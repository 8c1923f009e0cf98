package io.credence.system.faults;

import io.credence.broker.Await;
import io.credence.broker.PerTestClass;
import io.credence.kit.ChildApp;
import io.credence.kit.TopicLog;
import io.credence.scorer.ScorerApplication;
import io.credence.system.harness.AppConfig;
import io.credence.system.harness.Feeder;
import io.credence.system.harness.Kafka;
import io.credence.system.harness.PredictionLedger;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long records wait when one of two instances dies without leaving the group: two trainers and two scorers (one
 * application id each, the apps' own session timeout, one standby replica, as deploy/k8s runs them) in child JVMs
 * while records keep arriving; one trainer, then one scorer, is killed with SIGKILL. Measured from each kill: the
 * time until every model has trained the records written in the second after the kill, and until every feature
 * record written in that second has its prediction, both read_committed. The seconds are logged, not asserted (a
 * loaded machine stretches them; docs/benchmarks.md has the benchmark, deploy/check-failover.sh); asserted: both
 * recover, every record trained and predicted exactly once, nothing dead-lettered.
 */
class RecoveryTimeIT {

    private static final Logger log = LoggerFactory.getLogger(RecoveryTimeIT.class);
    private static final List<String> MODELS = List.of("m0", "m1", "m2", "m3", "m4", "m5");
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Feeder ticks written after a kill that the survivors must handle: 5 ticks of 200 ms. */
    private static final int TICKS_AFTER_KILL = 5;

    @RegisterExtension
    static final PerTestClass<Kafka> kafka = new PerTestClass<>(Kafka::start);

    @TempDir
    Path tmp;

    @Test
    void theSurvivorsTrainAndScoreTheDeadInstancesModelsWithinSeconds() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "recovery-time"));
        String bootstrap = kafka.get().bootstrapServers();
        try (Feeder feeder = new Feeder(kafka.get(), MODELS, MODELS.size());
             TopicLog metrics = TopicLog.committed(bootstrap, "training-metrics");
             TopicLog predictions = TopicLog.committed(bootstrap, "predictions");
             ChildApp trainerA = child("trainer-a", TrainerApplication.class, AppConfig.trainer(kafka.get(), "recovery-trainer", tmp.resolve("trainer-a")), logs)) {
            Await.until("the first trainer creates its topics", WAIT, () -> {
                trainerA.requireAlive();
                return kafka.get().hasTopic("posterior-snapshots") && kafka.get().hasTopic("training-metrics");
            });
            try (ChildApp trainerB = child("trainer-b", TrainerApplication.class, AppConfig.trainer(kafka.get(), "recovery-trainer", tmp.resolve("trainer-b")), logs);
                 ChildApp scorerA = child("scorer-a", ScorerApplication.class, AppConfig.scorer(kafka.get(), "recovery-scorer", tmp.resolve("scorer-a")), logs)) {
                Await.until("the first scorer creates its topics", WAIT, () -> {
                    scorerA.requireAlive();
                    return kafka.get().hasTopic(Feeder.FEATURES) && kafka.get().hasTopic("predictions");
                });
                try (ChildApp scorerB = child("scorer-b", ScorerApplication.class, AppConfig.scorer(kafka.get(), "recovery-scorer", tmp.resolve("scorer-b")), logs)) {
                    feeder.start(Duration.ofMillis(200));
                    awaitHandled(feeder, metrics, predictions, feeder.ticks() + TICKS_AFTER_KILL, "both pairs train and score every model");

                    long kill = System.nanoTime();
                    trainerA.kill();
                    double trainerSeconds = awaitHandled(feeder, metrics, predictions, feeder.ticks() + TICKS_AFTER_KILL,
                            "trainer-b trains trainer-a's models") - seconds(kill);
                    kill = System.nanoTime();
                    scorerA.kill();
                    double scorerSeconds = awaitHandled(feeder, metrics, predictions, feeder.ticks() + TICKS_AFTER_KILL,
                            "scorer-b scores scorer-a's models") - seconds(kill);
                    log.info("recovery after kill -9 of one of two instances: trainer {} s, scorer {} s (records written up to 1 s after the kill handled)",
                            String.format("%.1f", trainerSeconds), String.format("%.1f", scorerSeconds));
                    feeder.stop();

                    awaitHandled(feeder, metrics, predictions, feeder.ticks(), "the survivors finish the feed");
                    try (TopicLog snapshots = TopicLog.committed(bootstrap, "posterior-snapshots")) {
                        TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), Wire.snapshots(snapshots.catchUp()));
                        for (String model : MODELS) ledger.assertTrainedExactlyOnce(model, feeder.labeled(model), AppConfig.BATCH);
                    }
                    PredictionLedger.of(Wire.predictions(predictions.catchUp())).assertExactlyOnce(feeder.requests());
                    assertThat(kafka.get().committed("stream-trainer.dlq")).as("trainer dead letters of good input").isEmpty();
                    assertThat(kafka.get().committed("stream-scorer.dlq")).as("scorer dead letters of good input").isEmpty();
                    trainerB.requireAlive();
                    scorerB.requireAlive();
                }
            }
        }
    }

    /** An instance in a child JVM: product defaults for the group session, one standby replica, no HTTP. */
    private static ChildApp child(String name, Class<?> main, Map<String, Object> base, Path logs) {
        Map<String, Object> config = new HashMap<>(base);
        config.put("micronaut.server.port", -1);
        config.put("credence.kafka.properties.num.standby.replicas", 1);
        return ChildApp.of(name, main.getName()).jvmOptions(JVM_OPTIONS).jvmOptions(ChildApp.inheritedSettings())
                .config(config, ChildApp.Channel.SYSTEM_PROPERTIES).log(logs.resolve(name + ".log")).start();
    }

    /**
     * Waits until the feeder has written {@code ticks} ticks and every labeled record and feature record written by
     * then is trained and predicted (committed); returns the time then, in seconds of {@link System#nanoTime}.
     */
    private static double awaitHandled(Feeder feeder, TopicLog metrics, TopicLog predictions, long ticks, String what) {
        Await.until("the feeder writes tick " + ticks, WAIT, () -> feeder.ticks() >= ticks);
        Map<String, Long> labeled = new HashMap<>();
        for (String m : MODELS) labeled.put(m, feeder.labeled(m));
        Set<String> requests = feeder.requests();
        Await.until(what, WAIT, () -> {
            TrainingLedger ledger = TrainingLedger.of(Wire.metrics(metrics.catchUp()), List.of());
            if (!MODELS.stream().allMatch(m -> ledger.recordsSeen(m) >= labeled.get(m))) return false;
            Set<String> predicted = new HashSet<>();
            Wire.predictions(predictions.catchUp()).forEach(p -> predicted.add(p.getRequestId()));
            return predicted.containsAll(requests);
        });
        return seconds(System.nanoTime());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
