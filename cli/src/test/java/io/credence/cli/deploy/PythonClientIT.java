package io.credence.cli.deploy;

import io.credence.schemas.registry.StandInRegistry;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.SchemaFingerprint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python client of {@code deploy/examples/python} (Debian's python3-confluent-kafka and python3-avro, nothing of
 * Credence's code) against the real trainer and scorer on an embedded broker, in both of Credence's formats:
 * <ul>
 *   <li>Avro single-object encoding: its single-object fingerprints equal the Java codecs', its spec, labeled records
 *       and feature records are taken, its predictions come back and its malformed request comes back from
 *       stream-scorer.dlq with the reason and its original bytes;</li>
 *   <li>the Confluent wire format with a schema registry ({@link StandInRegistry}, as Confluent Schema Registry):
 *       {@code credence topics} registers the schemas, the apps run with {@code --serde-format registry}, the client
 *       frames its records with the ids of the subjects' latest versions (which it fetched from the registry, as it
 *       fetched the schemas of the ids it read), its predictions come back, and both its malformed request and a record
 *       framed with an id the registry does not have come back from stream-scorer.dlq (FEATURE_COUNT, WRONG_SCHEMA)
 *       with their original bytes.</li>
 * </ul>
 * Skipped without those packages (and python3-requests, for the registry); .ci/run installs them.
 */
class PythonClientIT {

    private static final List<String> SUBJECTS = List.of("feature-records-value", "labeled-records-value",
            "model-specs-value", "posterior-snapshots-value", "predictions-value", "stream-scorer.dlq-value",
            "stream-trainer.dlq-value", "training-metrics-value");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void pythonClientPublishesTrainsScoresAndReadsItsDeadLetter() throws Exception {
        assumeTrue(python("import confluent_kafka, avro"),
                "no python3 with confluent_kafka and avro (apt-get install python3-confluent-kafka python3-avro)");
        String fingerprints = String.join(",", fingerprint("ModelSpec", AvroCodecs.modelSpec()),
                fingerprint("LabeledRecord", AvroCodecs.labeledRecord()), fingerprint("FeatureRecord", AvroCodecs.featureRecord()),
                fingerprint("Prediction", AvroCodecs.prediction()), fingerprint("DeadLetter", AvroCodecs.deadLetter()));

        DeployScript r = DeployScript.run(420, Map.of("EXPECT_FINGERPRINTS", fingerprints),
                "deploy/examples/python/run-against-embedded.sh");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("single-object fingerprints match the Java codecs'",
                "dead letter on stream-scorer.dlq: FEATURE_COUNT", "all 5 predictions and the dead letter received",
                "run-against-embedded: passed");
    }

    @Test
    void pythonClientDoesTheSameInTheConfluentWireFormatWithASchemaRegistry() throws Exception {
        assumeTrue(python("import confluent_kafka, avro, confluent_kafka.schema_registry"),
                "no python3 with confluent_kafka, its schema_registry module and avro"
                        + " (apt-get install python3-confluent-kafka python3-avro python3-requests)");
        try (StandInRegistry registry = StandInRegistry.start()) {
            DeployScript r = DeployScript.run(420, Map.of("REGISTRY_URL", registry.url()),
                    "deploy/examples/python/run-against-embedded.sh");

            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("records in the Confluent wire format (0, 4-byte schema id, Avro body), "
                            + "schemas from the registry at " + registry.url(),
                    "dead letter on stream-scorer.dlq: FEATURE_COUNT: model py-sin expects 2 features, got 3",
                    "dead letter on stream-scorer.dlq: WRONG_SCHEMA: FeatureRecord payload names schema id 2147483647, "
                            + "which the schema registry at " + registry.url() + " does not have",
                    "all 5 predictions and the 2 dead letters received", "run-against-embedded: passed")
                    .doesNotContain("single-object fingerprints");
            assertThat(r.output().lines().filter(l -> l.startsWith("x=(")).count()).as(r.output()).isEqualTo(5);
            // The registry holds Credence's schemas, and the client wrote with the ids of their latest versions.
            assertThat(get(registry, "/subjects")).isEqualTo("[\"" + String.join("\",\"", SUBJECTS) + "\"]");
            Matcher written = Pattern.compile("writing with schema ids (.+)").matcher(r.output());
            assertThat(written.find()).as(r.output()).isTrue();
            assertThat(written.group(1)).isEqualTo(String.join(", ", List.of("model-specs-value", "labeled-records-value",
                    "feature-records-value").stream().map(s -> s + "=" + latestId(registry, s)).toList()));
            // The client asked the registry itself: for the latest versions it wrote with, for the schemas of the ids it
            // read (a prediction's and a dead letter's); the scorer asked for the id nobody registered.
            for (String subject : List.of("model-specs-value", "labeled-records-value", "feature-records-value")) {
                assertThat(registry.requestCount("GET", "/subjects/" + subject + "/versions/latest")).as(subject).isPositive();
            }
            assertThat(registry.requestCount("GET", "/schemas/ids/" + latestId(registry, "predictions-value"))).isPositive();
            assertThat(registry.requestCount("GET", "/schemas/ids/" + latestId(registry, "stream-scorer.dlq-value"))).isPositive();
            assertThat(registry.requestCount("GET", "/schemas/ids/2147483647")).isPositive();
        }
    }

    private static boolean python(String imports) {
        return DeployScript.succeeds(List.of("python3", "-c", imports))
                || DeployScript.succeeds(List.of("/usr/bin/python3", "-c", imports));
    }

    private static String fingerprint(String type, AvroCodec<?> codec) {
        return type + "=" + SchemaFingerprint.hex(codec.fingerprint());
    }

    private static int latestId(StandInRegistry registry, String subject) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(get(registry, "/subjects/" + subject + "/versions/latest"));
        assertThat(id.find()).as(subject).isTrue();
        return Integer.parseInt(id.group(1));
    }

    private static String get(StandInRegistry registry, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
