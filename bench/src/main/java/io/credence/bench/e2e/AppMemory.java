package io.credence.bench.e2e;

import io.credence.kit.ChildApp;
import io.credence.kit.TopicTail;
import io.credence.scorer.ScorerApplication;
import io.credence.trainer.TrainerApplication;

import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of a trainer and a scorer, each in a child JVM launched like the CLI launches them, after a
 * workload: the trainer learns {@code records} labeled records for {@code models} models (13-50-1, batch 32), then the
 * scorer scores {@code records} feature records with the snapshots that trainer published.
 */
public final class AppMemory {
    /**
     * What was measured.
     *
     * @param trainer the trainer's memory after its workload
     * @param scorer  the scorer's memory after its workload
     */
    public record Result(ResidentMemory trainer, ResidentMemory scorer) {}

    private final E2eContext context;
    private final Path logs;

    /** @param logs directory of the children's log files */
    public AppMemory(E2eContext context, Path logs) {
        this.context = context;
        this.logs = logs;
    }

    public Result measure(int models, int records, StreamsShape shape) throws InterruptedException {
        Pipeline p = context.newPipeline(shape.partitions());
        int batch = 32;
        int inputs = (records + models * batch - 1) / (models * batch) * (models * batch);
        try (InputFeed feed = new InputFeed(context.bootstrap())) {
            feed.labeled(p.topics().labeledRecords(), inputs, models, new RowSource(TrainerThroughput.FEATURES, context.seed()));
        }
        var trainerConfig = p.trainer(context.bootstrap(), context.stateDir(p.prefix() + "trainer"), shape,
                TrainerThroughput.FEATURES, List.of(50), batch);
        var scorerConfig = p.scorer(context.bootstrap(), context.stateDir(p.prefix() + "scorer"), shape, 64);
        boolean committed = shape.guarantee().transactional();
        ResidentMemory trainerMemory, scorerMemory;
        Progress trained = new Progress(TrainerThroughput::recordsInUpdate);
        Progress scored = new Progress(value -> 1);
        try (TopicTail metrics = new TopicTail(context.bootstrap(), p.topics().trainingMetrics(), committed, trained);
             TopicTail predictions = new TopicTail(context.bootstrap(), p.topics().predictions(), committed, scored);
             ChildApp trainer = LauncherSettings.start("trainer", TrainerApplication.class, trainerConfig, logs.resolve(p.prefix() + "trainer.log"),
                     LauncherSettings.HEAP, null);
             ChildApp scorer = LauncherSettings.start("scorer", ScorerApplication.class, scorerConfig, logs.resolve(p.prefix() + "scorer.log"),
                     LauncherSettings.HEAP, null)) {
            trainer.awaitHealthy(context.timeout());
            scorer.awaitHealthy(context.timeout());
            trained.await(inputs, context.timeout(), metrics);
            trainerMemory = ResidentMemory.of(trainer);
            // Features only now that every model has snapshots: sent earlier, more than the scorer's wait bound
            // (10,000 per task) would wait for the first snapshots and the rest be dead-lettered as BUFFER_FULL.
            try (InputFeed feed = new InputFeed(context.bootstrap())) {
                feed.features(p.topics().featureRecords(), records, models, new RowSource(TrainerThroughput.FEATURES, context.seed() + 1));
            }
            scored.await(records, context.timeout(), predictions);
            scorerMemory = ResidentMemory.of(scorer);
        }
        context.log("  trainer pid RSS %,.0f MiB (peak %,.0f)   scorer RSS %,.0f MiB (peak %,.0f)   after %,d records, %d model(s)",
                trainerMemory.residentMib(), trainerMemory.peakMib(), scorerMemory.residentMib(), scorerMemory.peakMib(), records, models);
        return new Result(trainerMemory, scorerMemory);
    }
}
