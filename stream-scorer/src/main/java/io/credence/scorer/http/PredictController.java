package io.credence.scorer.http;

import io.credence.avro.FeatureRecord;
import io.credence.avro.Prediction;
import io.credence.bnn.data.InputRejection;
import io.credence.app.ErrorView;
import io.credence.scorer.config.HttpLimits;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.LoadedModel;
import io.credence.scorer.scoring.PredictorCache;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * POST /predict and POST /predict/batch: the stream path's checks and math over HTTP. The model in use and its seed
 * come from the same {@link PredictorCache}, so the same input and sample count give the same prediction as a
 * feature record would. POST /predict returns the prediction's Monte Carlo draws when the request sets includeDraws.
 * Bad input gets a 4xx with an {@link ErrorView}.
 */
@Controller("/predict")
public class PredictController {
    private final PredictorCache cache;
    private final ScorerMetrics metrics;
    private final HttpLimits limits;
    private final Clock clock;

    public PredictController(PredictorCache cache, ScorerMetrics metrics, HttpLimits limits, Clock clock) {
        this.cache = cache;
        this.metrics = metrics;
        this.limits = limits;
        this.clock = clock;
    }

    /** Scores one row. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> predict(@Body PredictRequest request) {
        long receivedAt = clock.millis();
        Optional<LoadedModel> model = model(request.modelId());
        if (model.isEmpty()) return unknownModel(request.modelId());
        FeatureRecord record = featureRecord(request.modelId(), request.requestId(), request.features(), request.samples(), receivedAt);
        record.setIncludeDraws(Boolean.TRUE.equals(request.includeDraws()));
        Optional<InputRejection> bad = model.get().check(record);
        if (bad.isPresent()) return error(HttpStatus.BAD_REQUEST, bad.get().error().name(), bad.get().reason());
        int samples = model.get().samplesFor(record);
        if (samples > limits.maxDraws()) return tooLarge(1, samples);
        List<Prediction> predictions = score(model.get(), List.of(record), samples, receivedAt);
        return HttpResponse.ok(PredictionView.of(predictions.get(0)));
    }

    /** Scores several rows of one model in one micro-batch. */
    @Post(uri = "/batch", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> predictBatch(@Body BatchPredictRequest request) {
        long receivedAt = clock.millis();
        Optional<LoadedModel> model = model(request.modelId());
        if (model.isEmpty()) return unknownModel(request.modelId());
        if (request.rows() == null || request.rows().length == 0) {
            return error(HttpStatus.BAD_REQUEST, "NO_ROWS", "rows must hold at least one input row");
        }
        if (request.rows().length > limits.maxRows()) {
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "TOO_LARGE",
                    request.rows().length + " rows exceed the limit of " + limits.maxRows() + " per request");
        }
        String batchId = "http-" + UUID.randomUUID();
        List<FeatureRecord> records = new ArrayList<>(request.rows().length);
        for (int i = 0; i < request.rows().length; i++) {
            FeatureRecord record = featureRecord(request.modelId(), batchId + "-" + i, request.rows()[i], request.samples(), receivedAt);
            Optional<InputRejection> bad = model.get().check(record);
            if (bad.isPresent()) return error(HttpStatus.BAD_REQUEST, bad.get().error().name(), "row " + i + ": " + bad.get().reason());
            records.add(record);
        }
        int samples = model.get().samplesFor(records.get(0));
        if ((long) samples * records.size() > limits.maxDraws()) return tooLarge(records.size(), samples);
        List<PredictionView> views = score(model.get(), records, samples, receivedAt).stream().map(PredictionView::of).toList();
        return HttpResponse.ok(new BatchPredictionView(model.get().modelId(), model.get().version(), views));
    }

    private Optional<LoadedModel> model(String modelId) {
        return modelId == null ? Optional.empty() : cache.current(modelId);
    }

    private List<Prediction> score(LoadedModel model, List<FeatureRecord> records, int samples, long receivedAt) {
        List<Prediction> predictions = model.score(records, samples, clock.millis());
        long[] latencies = new long[records.size()];
        Arrays.fill(latencies, clock.millis() - receivedAt);
        metrics.scored(model.modelId(), latencies);
        return predictions;
    }

    private static FeatureRecord featureRecord(String modelId, String requestId, double[] features, Integer samples, long now) {
        return FeatureRecord.newBuilder()
                .setModelId(modelId)
                .setRequestId(requestId != null ? requestId : "http-" + UUID.randomUUID())
                .setFeatures(features == null ? List.of() : Arrays.stream(features).boxed().toList())
                .setEventTime(Instant.ofEpochMilli(now))
                .setSamples(samples)
                .build();
    }

    private HttpResponse<ErrorView> unknownModel(String modelId) {
        if (modelId == null) return error(HttpStatus.BAD_REQUEST, "NO_MODEL_ID", "modelId must be set");
        return error(HttpStatus.NOT_FOUND, "UNKNOWN_MODEL", "no model: no posterior snapshot of model " + modelId + " has been published");
    }

    private HttpResponse<ErrorView> tooLarge(int rows, int samples) {
        return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "TOO_LARGE", rows + " rows x " + samples
                + " samples exceed the limit of " + limits.maxDraws() + " draws per request");
    }

    private HttpResponse<ErrorView> error(HttpStatus status, String errorClass, String reason) {
        metrics.httpRejected(errorClass);
        return HttpResponse.<ErrorView>status(status).body(new ErrorView(errorClass, reason));
    }
}
