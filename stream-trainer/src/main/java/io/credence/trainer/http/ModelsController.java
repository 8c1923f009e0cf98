package io.credence.trainer.http;

import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.DecodeException;
import io.credence.trainer.processor.LearnerProcessor;
import io.credence.trainer.streams.TrainerStreams;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;

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
        try (KeyValueIterator<String, byte[]> all = learnerStore().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                models.add(view(kv.key, kv.value));
            }
        } catch (InvalidStateStoreException e) {
            return unavailable(e);
        }
        return HttpResponse.ok(models);
    }

    /** One model, or 404. */
    @Get("/{id}")
    public HttpResponse<?> get(String id) {
        byte[] state;
        try {
            state = learnerStore().get(id);
        } catch (InvalidStateStoreException e) {
            return unavailable(e);
        }
        return state == null ? HttpResponse.notFound("no model " + id + " on this instance") : HttpResponse.ok(view(id, state));
    }

    private ReadOnlyKeyValueStore<String, byte[]> learnerStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(LearnerProcessor.LEARNER_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private static ModelView view(String modelId, byte[] state) {
        try {
            return ModelView.of(AvroCodecs.trainerState().decode(state));
        } catch (DecodeException e) {
            throw new IllegalStateException("state of model " + modelId + " does not decode: " + e.getMessage(), e);
        }
    }

    private static HttpResponse<String> unavailable(InvalidStateStoreException e) {
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("models are not queryable now: " + e.getMessage());
    }
}
