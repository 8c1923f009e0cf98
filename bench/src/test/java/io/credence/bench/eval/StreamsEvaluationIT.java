package io.credence.bench.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed evaluation on a real embedded broker with the real trainer and scorer: the snapshot the trainer publishes
 * once it has learned the whole stream and rehearsed while it was quiet holds exactly the parameters of an in-process
 * learner fed the same stream and rehearsed the same way, and the metrics come out.
 */
class StreamsEvaluationIT {

    @Test
    void thePipelineLearnsExactlyWhatTheInProcessLearnerLearns(@TempDir Path dir) throws Exception {
        UciDataset d = UciDataset.load(UciFixture.write(dir.resolve("lin"), 120, 1, 4));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EvalResult streamed;
        try (StreamsEvaluation pipeline = StreamsEvaluation.start()) {
            streamed = pipeline.run(d, new EvalOptions(1, 3, null, 9, false), new PrintStream(log, true));
            assertThat(pipeline.lastParameterDifference()).isZero();
        }
        assertThat(streamed.path()).isEqualTo("streams");
        assertThat(log.toString()).contains("lin split  0 (streams)");
        EvalResult inProcess = UciEvaluation.run(d, new EvalOptions(1, 3, null, 9, false), new PrintStream(new ByteArrayOutputStream()));
        // Same posterior; only the Monte Carlo seed of the predictive differs (the scorer's depends on the version).
        assertThat(streamed.rmseMean()).isCloseTo(inProcess.rmseMean(), org.assertj.core.api.Assertions.withinPercentage(10));
        assertThat(streamed.perSplit().get(0).testRows()).isEqualTo(24);
        // 3 passes of 96 rows in batches of 32 (9 updates), then the rehearsal the replay budget allows, in both.
        assertThat(streamed.perSplit().get(0).updates()).isEqualTo(inProcess.perSplit().get(0).updates()).isGreaterThan(9);
    }
}
