package io.credence.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.avro.PosteriorSnapshot;
import io.credence.avro.Prediction;
import io.credence.bnn.spec.ModelSpec;
import io.credence.cli.CommandFailure;
import io.credence.cli.console.ProgressBar;
import io.credence.cli.kafka.RecordSink;
import io.credence.cli.kafka.ScoringRound;
import io.credence.cli.kafka.TopicReader;
import io.credence.schemas.codec.ModelSpecCodec;
import io.credence.schemas.serde.AvroCodecs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages a demo waits for on a running pipeline, each with a deadline: the trainer has taken the specs, the
 * snapshots have seen every record and the rehearsal is over, the scorer serves the final snapshots.
 */
final class PipelineProbe {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoTarget target;
    private final Duration timeout;
    private final PrintStream console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PipelineProbe(DemoTarget target, Duration timeout, PrintStream console) {
        this.target = target;
        this.timeout = timeout;
        this.console = console;
    }

    /** Publishes the specs and waits until the trainer lists every model, so no record meets a default spec. */
    void publishSpecs(RecordSink sink, List<ModelSpec> specs) {
        for (ModelSpec spec : specs) {
            sink.send("model-specs", spec.modelId(), target.format().encode("model-specs", AvroCodecs.modelSpec(), ModelSpecCodec.toAvro(spec)));
        }
        sink.flush();
        long deadline = deadline();
        for (ModelSpec spec : specs) {
            URI uri = URI.create(target.trainerUrl() + "/models/" + spec.modelId());
            int status;
            while ((status = status(uri)) != 200) {
                if (status == 401 || status == 403) {
                    throw new CommandFailure("the trainer at " + target.trainerUrl() + " answered " + status
                            + ": give its bearer token with --http-token or CREDENCE_HTTP_BEARER_TOKEN");
                }
                if (System.nanoTime() > deadline) {
                    throw new CommandFailure("the trainer did not take the spec of " + spec.modelId() + " within "
                            + timeout.toSeconds() + " s (see demo.log)");
                }
                pause();
            }
        }
        console.println("  spec" + (specs.size() > 1 ? "s" : "") + " of "
                + String.join(" and ", specs.stream().map(ModelSpec::modelId).toList()) + " published to model-specs");
    }

    /**
     * Waits until each model's newest snapshot has seen all of its records, then (the stream being quiet) until the
     * trainer has spent every model's replay budget and published the snapshot after it; returns those snapshots.
     *
     * @param records labeled records streamed per model id
     */
    Map<String, PosteriorSnapshot> awaitTraining(TrainingWatch watch, Map<String, Long> records) {
        long produced = records.values().stream().mapToLong(Long::longValue).sum();
        ProgressBar bar = ProgressBar.onStderr("train (stream-trainer)", produced);
        long deadline = deadline();
        while (true) {
            watch.poll(POLL);
            bar.update(records.keySet().stream().mapToLong(watch::recordsTrained).sum());
            if (records.entrySet().stream().allMatch(e -> seen(watch.newest(e.getKey())) == e.getValue())) {
                bar.finish();
                return awaitRehearsal(watch, List.copyOf(records.keySet()), deadline);
            }
            if (System.nanoTime() > deadline) {
                bar.finish();
                List<String> progress = new ArrayList<>();
                records.forEach((model, n) -> progress.add(seen(watch.newest(model)) + " of " + n + " (" + model + ")"));
                throw new CommandFailure("training did not finish within " + timeout.toSeconds()
                        + " s: newest snapshots have seen " + String.join(", ", progress) + " records; see demo.log");
            }
        }
    }

    /** The trainer's GET /models/{id} shows the replay budget left and the version of the model's newest state. */
    private Map<String, PosteriorSnapshot> awaitRehearsal(TrainingWatch watch, List<String> models, long deadline) {
        ProgressBar bar = null;
        double total = 0;
        while (true) {
            double left = 0;
            long[] versions = new long[models.size()];
            for (int i = 0; i < models.size(); i++) {
                JsonNode view = json(URI.create(target.trainerUrl() + "/models/" + models.get(i)));
                left += view.path("replayCredit").asDouble();
                versions[i] = view.path("version").asLong();
            }
            if (bar == null) {
                total = Math.max(left, 1);
                bar = ProgressBar.onStderr("rehearse (stream-trainer)", (long) total);
            }
            bar.update((long) (total - left));
            watch.poll(POLL);
            boolean published = true;
            for (int i = 0; i < models.size(); i++) published &= watch.newest(models.get(i)).getVersion() >= versions[i];
            if (left <= 0 && published) {
                bar.finish();
                Map<String, PosteriorSnapshot> finals = new LinkedHashMap<>();
                for (String model : models) finals.put(model, watch.newest(model));
                return finals;
            }
            if (System.nanoTime() > deadline) {
                bar.finish();
                throw new CommandFailure("rehearsal did not finish within " + timeout.toSeconds()
                        + " s: " + (long) left + " rehearsal examples left; see demo.log");
            }
        }
    }

    /** Probes until the scorer answers with {@code version} of {@code model} (its global table may trail the topic). */
    void awaitScorer(ScoringRound round, String model, long version, double[] probe) {
        long deadline = deadline();
        while (true) {
            Prediction p = round.score(model, List.of(probe), null, timeout, received -> { }).get(0);
            if (p.getModelVersion() >= version) return;
            if (System.nanoTime() > deadline) {
                throw new CommandFailure("the scorer still serves version " + p.getModelVersion() + " of " + model
                        + " instead of " + version + " after " + timeout.toSeconds() + " s");
            }
        }
    }

    /** A reader of {@code topic} from its end offsets: it sees only what is written from now on. */
    static TopicReader fromNow(Map<String, Object> kafka, String topic) {
        TopicReader reader = new TopicReader(kafka, topic);
        reader.seek(reader.endOffsets());
        return reader;
    }

    /** Records written to the reader's topic since it was opened. */
    static long count(TopicReader reader) {
        long count = 0;
        while (!reader.atEnd()) count += reader.poll(POLL).size();
        return count;
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    private static long seen(PosteriorSnapshot s) {
        return s == null ? 0 : s.getRecordsSeen();
    }

    private int status(URI uri) {
        try {
            return http.send(request(uri), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not answering yet: the caller polls until its deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    private JsonNode json(URI uri) {
        try {
            HttpResponse<String> response = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CommandFailure("the trainer answered " + response.statusCode() + " for " + uri + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (target.httpToken() != null) request.header("Authorization", "Bearer " + target.httpToken());
        return request.build();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // polling interval of a condition with a deadline, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }
}
