package io.credence.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credence.kit.StackTopics;
import io.credence.schemas.registry.ConfluentWireFormat;
import io.credence.schemas.serde.AvroCodecs;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Registry mode against Confluent's own Node.js client ({@code @confluentinc/schemaregistry}'s AvroSerializer and
 * AvroDeserializer, with kafkajs; {@code deploy/examples/node/registry-client.js}) and the real trainer and scorer on an
 * embedded broker, all in the Confluent wire format ({@code deploy/examples/node/run-against-embedded.sh} with
 * {@code REGISTRY_URL}): records serialized by Confluent's serializer are trained on, predictions come back and
 * Confluent's deserializer reads them (timestamp-millis, unions, 64-bit seeds), a record naming a schema id the
 * registry does not have comes back from {@code stream-trainer.dlq} as {@code WRONG_SCHEMA} with its original bytes,
 * and an incompatible LabeledRecord is refused under {@code labeled-records-value}. Then the registry itself: every
 * topic's subject exists, {@code labeled-records-value} holds only the versions Credence registered, and the apps
 * resolved each schema id once (cached) although hundreds of records flowed.
 *
 * <p>The registry is {@link RegistryFixture}'s: Confluent's {@code confluentinc/cp-schema-registry} image when a Docker
 * daemon answers, else the {@code StandInRegistry}, an in-memory server implementing Confluent Schema Registry's
 * documented REST API (no real registry can run on machines without Docker, such as this project's). Skipped without
 * Node.js and npm; {@code npm ci} needs the npm registry once.
 */
class RegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void confluentsNodeClientTrainsScoresReadsItsDeadLetterAndIsRefusedAnIncompatibleSchema() throws Exception {
        assumeTrue(DeployScript.onPath("node") && DeployScript.onPath("npm"), "Node.js and npm are not installed");
        try (RegistryFixture registry = RegistryFixture.start()) {
            DeployScript r = DeployScript.run(480, Map.of("REGISTRY_URL", registry.url()),
                    "deploy/examples/node/run-against-embedded.sh");

            assertThat(r.exit()).as("against %s:%n%s", registry.describe(), r.output()).isZero();
            assertThat(r.output()).as(r.output()).contains(
                    "all 5 predictions deserialized by Confluent's AvroDeserializer",
                    "dead letter on stream-trainer.dlq: WRONG_SCHEMA (unknown schema id 999999)",
                    "incompatible schema refused by the registry: HTTP 409",
                    "all 5 predictions, the dead letter and the refusal received",
                    "run-against-embedded: passed");

            List<String> subjects = strings(get(registry.url(), "/subjects"));
            assertThat(subjects).containsAll(StackTopics.defaults(1, (short) 1).records().keySet().stream().map(ConfluentWireFormat::subject).toList())
                    .contains("labeled-records-value", "feature-records-value", "predictions-value", "stream-trainer.dlq-value");

            // Only the versions `credence topics` registered (every kept one, oldest first): the incompatible one is not.
            List<Schema> history = AvroCodecs.labeledRecord().history();
            assertThat(ints(get(registry.url(), "/subjects/labeled-records-value/versions")))
                    .isEqualTo(IntStream.rangeClosed(1, history.size()).boxed().toList());
            JsonNode latest = get(registry.url(), "/subjects/labeled-records-value/versions/latest");
            assertThat(new Schema.Parser().parse(latest.path("schema").asText())).isEqualTo(AvroCodecs.labeledRecord().schema());

            registry.standIn().ifPresent(standIn -> {
                // 645 labeled and feature records in, 5 predictions out, one dead letter: each app fetched each id
                // it met once (the unknown id each time, uncached), and the Node client its few.
                int byId = standIn.requestCount("GET", "/schemas/ids/");
                System.out.println("RegistryIT: GET /schemas/ids/ requests: " + byId);
                assertThat(byId).as("GET /schemas/ids/ requests").isBetween(1, 30);
            });
        }
    }

    private static JsonNode get(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
