package io.credence.trainer.http;

import io.credence.avro.TrainerState;
import io.credence.trainer.processor.CheckpointStore;
import io.credence.trainer.processor.LearnerProcessor;
import io.credence.trainer.streams.TrainerStreams;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GET /models and /models/{id}: the models this instance trains, read from its learner store (interactive query), each
 * as of its last checkpoint (its last published snapshot, spec change or rehearsal slice). Answers 503 while the store is unavailable (start-up, rebalance, shutdown). With several instances, each shows the
 * models of the partitions it owns.
 */
@Controller("/models")
public class ModelsController {

    private final TrainerStreams streams;

    ModelsController(TrainerStreams streams) {
        this.streams = streams;
    }

    /** Every model of this instance, by id. */
    @Get
    public HttpResponse<?> list() {
        List<ModelView> models = new ArrayList<>();
        try {
            CheckpointStore.forEach(learnerStore(), (modelId, state) -> models.add(ModelView.of(state)));
        } catch (InvalidStateStoreException e) {
            return unavailable(e);
        }
        return HttpResponse.ok(models);
    }

    /** One model, or 404. */
    @Get("/{id}")
    public HttpResponse<?> get(String id) {
        Optional<TrainerState> state;
        try {
            state = CheckpointStore.read(learnerStore(), id);
        } catch (InvalidStateStoreException e) {
            return unavailable(e);
        }
        return state.isEmpty() ? HttpResponse.notFound("no model " + id + " on this instance") : HttpResponse.ok(ModelView.of(state.get()));
    }

    private ReadOnlyKeyValueStore<String, byte[]> learnerStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(LearnerProcessor.LEARNER_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private static HttpResponse<String> unavailable(InvalidStateStoreException e) {
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("models are not queryable now: " + e.getMessage());
    }
}
