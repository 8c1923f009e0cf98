package io.credence.bench.e2e;

import io.credence.schemas.serde.WireFormat;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.trainer.TrainerApp;

import java.util.List;

/**
 * Trainer throughput end to end through the broker: labeled records already in the topic, trained by a stream-trainer
 * in this JVM until the training-metrics updates cover every record, against a pass-through of the same topic.
 */
public final class TrainerThroughput {
    /** Input width of every trainer workload (the UCI-style 13 features of the reference's synthetic set). */
    public static final int FEATURES = 13;

    /**
     * One trainer workload.
     *
     * @param models  model ids the records are spread over, round-robin
     * @param hidden  hidden widths, e.g. [50] for 13-50-1
     * @param batch   mini-batch size of every model
     * @param shape   guarantee, partitions, threads
     * @param records labeled records requested; rounded up to whole mini-batches of every model
     * @param keyedByModel records keyed by model id with Kafka's default partitioner, as the trainer's docs advise (they
     *                go straight to their model's learner); otherwise keyed by record id, spread over every partition,
     *                so that every record crosses the by-model repartition topic. The trainer runs its default settings.
     */
    public record Case(int models, List<Integer> hidden, int batch, StreamsShape shape, int records, boolean keyedByModel) {
        public Case {
            hidden = List.copyOf(hidden);
            if (models < 1 || batch < 1 || records < 1) throw new IllegalArgumentException("models, batch and records must be >= 1");
        }

        /** Records keyed by model id. */
        public Case(int models, List<Integer> hidden, int batch, StreamsShape shape, int records) {
            this(models, hidden, batch, shape, records, true);
        }

        /** e.g. 13-50-1 */
        public String network() {
            StringBuilder s = new StringBuilder().append(FEATURES);
            hidden.forEach(h -> s.append('-').append(h));
            return s.append("-1").toString();
        }

        /** Records actually produced: {@code records} rounded up so that every model fills whole mini-batches. */
        public int inputs() {
            int unit = models * batch;
            return (records + unit - 1) / unit * unit;
        }

        /** e.g. 13-50-1 b256 x1 eos.p3.t1, 51200 records */
        public String describe() {
            return network() + " b" + batch + " x" + models + " model(s) " + shape.key() + ", " + inputs() + " records"
                    + (keyedByModel ? "" : " keyed by record id (all cross the repartition topic)");
        }
    }

    /**
     * Both rates of one repetition.
     *
     * @param trainer     labeled records trained per second
     * @param passThrough records copied per second by the pass-through on the same input
     */
    public record Result(double trainer, double passThrough) {}

    private final E2eContext context;

    public TrainerThroughput(E2eContext context) {
        this.context = context;
    }

    /**
     * Measures {@code c} once; {@code passThroughFirst} alternates the order across repetitions so that neither side
     * always runs on a warmer JVM.
     */
    public Result measure(Case c, boolean passThroughFirst) throws InterruptedException {
        Pipeline p = withInput(c, WireFormat.singleObject());
        double trainer = 0, passThrough = 0;
        for (int side = 0; side < 2; side++) {
            if ((side == 0) == passThroughFirst) {
                passThrough = passThrough(p, c);
            } else {
                trainer = trainer(p, c);
            }
        }
        context.log("  %-50s trainer %,9.0f rec/s   pass-through %,9.0f rec/s   ratio %.3f", c.describe(), trainer, passThrough, trainer / passThrough);
        return new Result(trainer, passThrough);
    }

    private double trainer(Pipeline p, Case c) throws InterruptedException {
        return trainer(p, c, Framing.singleObject());
    }

    /** Labeled records trained per second on {@code c}'s input in fresh topics, every record framed as {@code framing} says. */
    public double trainer(Case c, Framing framing) throws InterruptedException {
        double rate = trainer(withInput(c, framing.format()), c, framing);
        context.log("  %-50s trainer %,9.0f rec/s (%s)", c.describe(), rate, framing.format().describe());
        return rate;
    }

    private double trainer(Pipeline p, Case c, Framing framing) throws InterruptedException {
        var config = p.trainer(context.bootstrap(), context.stateDir(p.prefix() + "trainer"), c.shape(), FEATURES, c.hidden(), c.batch());
        config.putAll(framing.appSettings());
        return Throughput.measure(context, () -> RunningApp.of(TrainerApp.start(config)), p.topics().trainingMetrics(),
                value -> recordsInUpdate(framing.format(), p.topics().trainingMetrics(), value),
                c.inputs(), c.shape().guarantee().transactional());
    }

    /** Fresh topics holding {@code c}'s labeled records, framed in {@code format}. */
    private Pipeline withInput(Case c, WireFormat format) {
        Pipeline p = context.newPipeline(c.shape().partitions());
        try (InputFeed feed = new InputFeed(context.bootstrap(), format)) {
            feed.labeled(p.topics().labeledRecords(), c.inputs(), c.models(), new RowSource(FEATURES, context.seed()), c.keyedByModel());
        }
        return p;
    }

    private double passThrough(Pipeline p, Case c) throws InterruptedException {
        return Throughput.measure(context, () -> RunningApp.of(PassThroughTopology.start(context.bootstrap(),
                        p.passThroughApplicationId(), p.topics().labeledRecords(), p.passThroughOut(), c.shape(),
                        context.stateDir(p.prefix() + "pass-through"))),
                p.passThroughOut(), value -> 1, c.inputs(), c.shape().guarantee().transactional());
    }

    /** Labeled records one training-metrics value reports as learned. */
    static long recordsInUpdate(byte[] value) {
        return recordsInUpdate(WireFormat.singleObject(), "training-metrics", value);
    }

    /** Labeled records one training-metrics value of {@code topic}, framed in {@code format}, reports as learned. */
    private static long recordsInUpdate(WireFormat format, String topic, byte[] value) {
        try {
            return format.decode(topic, AvroCodecs.trainingMetrics(), value).getBatchSize();
        } catch (DecodeException e) {
            throw new IllegalStateException("a training-metrics record does not decode: " + e.getMessage(), e);
        }
    }
}
