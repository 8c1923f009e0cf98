package io.credence.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class StandInRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Point\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"x\",\"type\":\"double\"}]}";
    /** V1 written differently: whitespace and key order. */
    private static final String V1_AGAIN = "{ \"name\": \"Point\", \"namespace\": \"t\", \"type\": \"record\",\n"
            + "  \"fields\": [ { \"type\": \"double\", \"name\": \"x\" } ] }";
    private static final String V2_WITH_DEFAULT = "{\"type\":\"record\",\"name\":\"Point\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"x\",\"type\":\"double\"},{\"name\":\"y\",\"type\":\"double\",\"default\":0.0}]}";
    private static final String V2_WITHOUT_DEFAULT = "{\"type\":\"record\",\"name\":\"Point\",\"namespace\":\"t\",\"fields\":["
            + "{\"name\":\"x\",\"type\":\"double\"},{\"name\":\"y\",\"type\":\"double\"}]}";
    private static final String OTHER = "{\"type\":\"record\",\"name\":\"Label\",\"fields\":[{\"name\":\"c\",\"type\":\"int\"}]}";

    private StandInRegistry registry;

    @BeforeEach
    void start() {
        registry = StandInRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registersAndServesASchemaByIdSubjectAndVersion() throws Exception {
        Reply registered = post("/subjects/points-value/versions", schemaBody(V1));
        assertThat(registered.status).isEqualTo(200);
        assertThat(registered.contentType).isEqualTo("application/vnd.schemaregistry.v1+json");
        int id = registered.json.get("id").asInt();
        assertThat(id).isPositive();

        Reply byId = get("/schemas/ids/" + id);
        assertThat(byId.status).isEqualTo(200);
        assertThat(byId.json.get("schema").asText()).isEqualTo(V1);

        Reply latest = get("/subjects/points-value/versions/latest");
        assertThat(latest.json.get("subject").asText()).isEqualTo("points-value");
        assertThat(latest.json.get("version").asInt()).isEqualTo(1);
        assertThat(latest.json.get("id").asInt()).isEqualTo(id);
        assertThat(latest.json.get("schema").asText()).isEqualTo(V1);
        assertThat(get("/subjects/points-value/versions/1").json).isEqualTo(latest.json);
        assertThat(get("/subjects/points-value/versions/-1").json).isEqualTo(latest.json);

        assertThat(get("/subjects").json.toString()).isEqualTo("[\"points-value\"]");
        assertThat(get("/subjects/points-value/versions").json.toString()).isEqualTo("[1]");
        assertThat(get("/subjects/points-value/versions/1/schema").json).isEqualTo(JSON.readTree(V1));
        assertThat(get("/schemas/ids/" + id + "/versions").json.toString())
                .isEqualTo("[{\"subject\":\"points-value\",\"version\":1}]");
    }

    @Test
    void theSameSchemaHasOneIdAcrossSubjectsAndIsNotRegisteredTwice() throws Exception {
        int id = post("/subjects/a-value/versions", schemaBody(V1)).json.get("id").asInt();
        int other = post("/subjects/c-value/versions", schemaBody(OTHER)).json.get("id").asInt();

        assertThat(post("/subjects/b-value/versions", schemaBody(V1_AGAIN)).json.get("id").asInt()).isEqualTo(id);
        assertThat(post("/subjects/a-value/versions", schemaBody(V1_AGAIN)).json.get("id").asInt()).isEqualTo(id);
        assertThat(other).isNotEqualTo(id);
        assertThat(get("/subjects/a-value/versions").json.toString()).isEqualTo("[1]");
        assertThat(get("/subjects").json.toString()).isEqualTo("[\"a-value\",\"b-value\",\"c-value\"]");
        assertThat(get("/schemas/ids/" + id + "/subjects").json.toString()).isEqualTo("[\"a-value\",\"b-value\"]");
    }

    @Test
    void aDifferentDefaultIsADifferentSchema() throws Exception {
        String withOtherDefault = V2_WITH_DEFAULT.replace("0.0", "1.0");
        int id = post("/subjects/a-value/versions", schemaBody(V2_WITH_DEFAULT)).json.get("id").asInt();

        assertThat(post("/subjects/a-value/versions", schemaBody(withOtherDefault)).json.get("id").asInt()).isNotEqualTo(id);
        assertThat(get("/subjects/a-value/versions").json.toString()).isEqualTo("[1,2]");
    }

    @Test
    void looksASchemaUpUnderASubject() throws Exception {
        int id = post("/subjects/points-value/versions", schemaBody(V1)).json.get("id").asInt();

        Reply found = post("/subjects/points-value?normalize=false&deleted=false", schemaBody(V1_AGAIN));
        assertThat(found.status).isEqualTo(200);
        assertThat(found.json.get("subject").asText()).isEqualTo("points-value");
        assertThat(found.json.get("id").asInt()).isEqualTo(id);
        assertThat(found.json.get("version").asInt()).isEqualTo(1);
        assertThat(found.json.get("schema").asText()).isEqualTo(V1);

        assertError(post("/subjects/points-value", schemaBody(OTHER)), 404, 40403);
        assertError(post("/subjects/nobody-value", schemaBody(V1)), 404, 40401);
    }

    @Test
    void answersConfluentsErrors() throws Exception {
        post("/subjects/points-value/versions", schemaBody(V1));

        Reply unknownId = get("/schemas/ids/999");
        assertError(unknownId, 404, 40403);
        assertThat(unknownId.json.get("message").asText()).isEqualTo("Schema 999 not found");
        assertError(get("/subjects/nobody-value/versions"), 404, 40401);
        assertError(get("/subjects/nobody-value/versions/latest"), 404, 40401);
        assertError(get("/subjects/points-value/versions/7"), 404, 40402);
        assertError(get("/subjects/points-value/versions/0"), 422, 42202);
        assertError(get("/subjects/points-value/versions/first"), 422, 42202);
        assertError(post("/subjects/points-value/versions", schemaBody("{\"type\":\"record\",\"name\":\"Broken\"}")), 422, 42201);
        assertError(post("/subjects/points-value/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        Reply references = post("/subjects/points-value/versions", "{\"schema\":" + JSON.writeValueAsString(V1)
                + ",\"references\":[{\"name\":\"r\",\"subject\":\"s\",\"version\":1}]}");
        assertError(references, 422, 42201);
        assertThat(references.json.get("message").asText()).contains("references are not supported by the stand-in");
        assertError(put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(get("/nowhere"), 404, 404);
        assertError(send("PATCH", "/subjects", "{}"), 405, 405);
        assertError(post("/subjects/points-value/versions", "not json"), 400, 400);
        // Confluent's clients send an empty list of references and the usual query parameters.
        assertThat(post("/subjects/points-value/versions?normalize=false", "{\"schema\":" + JSON.writeValueAsString(V1)
                + ",\"schemaType\":\"AVRO\",\"references\":[]}").status).isEqualTo(200);
    }

    @Test
    void backwardAcceptsANewFieldWithADefaultAndRefusesOneWithout() throws Exception {
        post("/subjects/points-value/versions", schemaBody(V1));

        Reply refused = post("/subjects/points-value/versions", schemaBody(V2_WITHOUT_DEFAULT));
        assertError(refused, 409, 409);
        assertThat(refused.json.get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"points-value\", details: [")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("/fields/1");
        assertThat(get("/subjects/points-value/versions").json.toString()).isEqualTo("[1]");

        Reply accepted = post("/subjects/points-value/versions", schemaBody(V2_WITH_DEFAULT));
        assertThat(accepted.status).isEqualTo(200);
        assertThat(get("/subjects/points-value/versions").json.toString()).isEqualTo("[1,2]");
        assertThat(get("/subjects/points-value/versions/latest").json.get("id").asInt()).isEqualTo(accepted.json.get("id").asInt());
    }

    @Test
    void noneAcceptsWhatBackwardRefuses() throws Exception {
        post("/subjects/points-value/versions", schemaBody(V1));
        Reply set = put("/config/points-value", "{\"compatibility\":\"NONE\"}");
        assertThat(set.status).isEqualTo(200);
        assertThat(set.json.toString()).isEqualTo("{\"compatibility\":\"NONE\"}");

        assertThat(post("/subjects/points-value/versions", schemaBody(V2_WITHOUT_DEFAULT)).status).isEqualTo(200);
        assertThat(get("/subjects/points-value/versions").json.toString()).isEqualTo("[1,2]");
    }

    @Test
    void forwardAndTransitiveLevelsCheckTheirDirectionAndVersions() throws Exception {
        put("/config/points-value", "{\"compatibility\":\"FORWARD\"}");
        post("/subjects/points-value/versions", schemaBody(V1));
        // Version 1 can read data written with a schema that has one more field: forward compatible.
        assertThat(post("/subjects/points-value/versions", schemaBody(V2_WITHOUT_DEFAULT)).status).isEqualTo(200);
        // Version 2 cannot read data without y (it has no default): not forward compatible.
        assertError(post("/subjects/points-value/versions", schemaBody(V1.replace("Point\"", "Point\",\"doc\":\"d\""))), 409, 409);

        // t-value: version 1 {x}, version 2 {x, y without default} (let in under NONE); v3 is version 2 with a doc.
        post("/subjects/t-value/versions", schemaBody(V1));
        put("/config/t-value", "{\"compatibility\":\"NONE\"}");
        post("/subjects/t-value/versions", schemaBody(V2_WITHOUT_DEFAULT));
        put("/config/t-value", "{\"compatibility\":\"BACKWARD\"}");
        String v3 = V2_WITHOUT_DEFAULT.replace("Point\"", "Point\",\"doc\":\"v3\"");
        // v3 reads data written with version 2 (which has y), but data written with version 1 (no y) would need a default.
        assertThat(post("/compatibility/subjects/t-value/versions/latest", schemaBody(v3)).json.get("is_compatible").asBoolean()).isTrue();
        assertThat(post("/compatibility/subjects/t-value/versions/1", schemaBody(v3)).json.get("is_compatible").asBoolean()).isFalse();
        assertThat(post("/compatibility/subjects/t-value/versions", schemaBody(v3)).json.get("is_compatible").asBoolean()).isTrue();
        put("/config/t-value", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(post("/compatibility/subjects/t-value/versions", schemaBody(v3)).json.get("is_compatible").asBoolean()).isFalse();
        assertError(post("/subjects/t-value/versions", schemaBody(v3)), 409, 409);
        put("/config/t-value", "{\"compatibility\":\"BACKWARD\"}");
        assertThat(post("/subjects/t-value/versions", schemaBody(v3)).status).isEqualTo(200);

        // FULL: both directions against the latest; the global level applies to subjects without their own.
        put("/config", "{\"compatibility\":\"FULL\"}");
        post("/subjects/f-value/versions", schemaBody(V1));
        assertError(post("/subjects/f-value/versions", schemaBody(V2_WITHOUT_DEFAULT)), 409, 409);
        assertThat(post("/subjects/f-value/versions", schemaBody(V2_WITH_DEFAULT)).status).isEqualTo(200);
    }

    @Test
    void theCompatibilityEndpointAnswersForOneVersion() throws Exception {
        post("/subjects/points-value/versions", schemaBody(V1));

        assertThat(post("/compatibility/subjects/points-value/versions/latest", schemaBody(V2_WITH_DEFAULT)).json.toString())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(post("/compatibility/subjects/points-value/versions/1", schemaBody(V2_WITHOUT_DEFAULT)).json.toString())
                .isEqualTo("{\"is_compatible\":false}");
        Reply verbose = post("/compatibility/subjects/points-value/versions/latest?verbose=true", schemaBody(V2_WITHOUT_DEFAULT));
        assertThat(verbose.json.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.json.get("messages")).isNotEmpty();
        assertThat(verbose.json.get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(post("/compatibility/subjects/nobody-value/versions/latest", schemaBody(V2_WITHOUT_DEFAULT)).json.toString())
                .isEqualTo("{\"is_compatible\":true}");
        assertError(post("/compatibility/subjects/points-value/versions/3", schemaBody(V1)), 404, 40402);
        assertError(post("/compatibility/subjects/points-value/versions/latest", schemaBody("{\"type\":\"nothing\"}")), 422, 42201);
        // Checking is not registering.
        assertThat(get("/subjects/points-value/versions").json.toString()).isEqualTo("[1]");
    }

    @Test
    void keepsGlobalAndSubjectLevels() throws Exception {
        assertThat(get("/config").json.toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertError(get("/config/points-value"), 404, 40408);
        assertThat(get("/config/points-value?defaultToGlobal=true").json.toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(registry.subjectCompatibility("points-value")).isEmpty();

        assertThat(put("/config", "{\"compatibility\":\"FULL\"}").json.toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(get("/config").json.toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(put("/config/points-value", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}").json.toString())
                .isEqualTo("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        assertThat(get("/config/points-value").json.toString()).isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertThat(registry.subjectCompatibility("points-value")).contains("FORWARD_TRANSITIVE");
        assertThat(registry.subjectCompatibility("other-value")).isEmpty();

        assertThat(send("DELETE", "/config/points-value", null).json.toString())
                .isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
        assertError(get("/config/points-value"), 404, 40408);
        assertThat(registry.subjectCompatibility("points-value")).isEmpty();
    }

    @Test
    void decodesUrlEncodedSubjects() throws Exception {
        String subject = "stream-trainer.dlq-value";
        String odd = "a/b c+d";
        String encodedOdd = URLEncoder.encode(odd, StandardCharsets.UTF_8).replace("+", "%20");
        int id = post("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions", schemaBody(V1)).json.get("id").asInt();
        post("/subjects/" + encodedOdd + "/versions", schemaBody(OTHER));

        assertThat(get("/subjects/stream-trainer.dlq-value/versions/latest").json.get("id").asInt()).isEqualTo(id);
        assertThat(get("/subjects/stream%2Dtrainer%2Edlq%2Dvalue/versions/latest").json.get("subject").asText()).isEqualTo(subject);
        assertThat(get("/subjects/" + encodedOdd + "/versions/latest").json.get("subject").asText()).isEqualTo(odd);
        put("/config/" + URLEncoder.encode(subject, StandardCharsets.UTF_8), "{\"compatibility\":\"NONE\"}");
        assertThat(registry.subjectCompatibility(subject)).contains("NONE");
    }

    @Test
    void deletingASubjectKeepsItsIdsResolvable() throws Exception {
        int id = post("/subjects/points-value/versions", schemaBody(V1)).json.get("id").asInt();
        post("/subjects/points-value/versions", schemaBody(V2_WITH_DEFAULT));

        assertThat(send("DELETE", "/subjects/points-value", null).json.toString()).isEqualTo("[1,2]");
        assertError(get("/subjects/points-value/versions"), 404, 40401);
        assertThat(get("/subjects").json.toString()).isEqualTo("[]");
        assertThat(get("/schemas/ids/" + id).json.get("schema").asText()).isEqualTo(V1);
        assertError(send("DELETE", "/subjects/points-value", null), 404, 40401);
    }

    @Test
    void countsRequests() throws Exception {
        int id = post("/subjects/points-value/versions", schemaBody(V1)).json.get("id").asInt();
        get("/schemas/ids/" + id);
        get("/schemas/ids/" + id + "?subject=points-value");
        get("/schemas/ids/999");

        assertThat(registry.requestCount("GET", "/schemas/ids/")).isEqualTo(3);
        assertThat(registry.requestCount("GET", "/schemas/ids/" + id)).isEqualTo(2);
        assertThat(registry.requestCount("POST", "/subjects/")).isEqualTo(1);
        assertThat(registry.requestCount("GET", "/subjects/")).isZero();
    }

    @Test
    void servesConcurrentRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String subject = "s" + (i % 5) + "-value";
                Callable<Integer> call = () -> post("/subjects/" + subject + "/versions", schemaBody(V1)).json.get("id").asInt();
                ids.add(pool.submit(call));
            }
            for (Future<Integer> id : ids) {
                assertThat(id.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("/subjects").json).hasSize(5);
        assertThat(get("/subjects/s0-value/versions").json.toString()).isEqualTo("[1]");
    }

    @Test
    void requiresBasicAuthWhenStartedWithCredentials() throws Exception {
        try (StandInRegistry secured = StandInRegistry.start("ops", "s3cret")) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(anonymous.body()).toString()).isEqualTo("{\"error_code\":401,\"message\":\"Unauthorized\"}");

            HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
                    .header("Authorization", basic("ops", "guess")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);

            HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
                    .header("Authorization", basic("ops", "s3cret")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("[]");
        }
    }

    @Test
    void bindsTheLoopbackAddressAndStopsOnClose() throws Exception {
        StandInRegistry other = StandInRegistry.start();
        String url = other.url();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{}");

        other.close();

        HttpClient fresh = HttpClient.newHttpClient();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> fresh.send(
                HttpRequest.newBuilder(URI.create(url + "/subjects")).GET().build(), HttpResponse.BodyHandlers.ofString())))
                .isInstanceOf(IOException.class);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String schemaBody(String schema) throws IOException {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status).as("HTTP status of %s", reply.json).isEqualTo(status);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(reply.json.get("message").asText()).isNotBlank();
    }

    private Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    private Reply post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private Reply put(String path, String body) throws Exception {
        return send("PUT", path, body);
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                JSON.readTree(response.body()));
    }

    private record Reply(int status, String contentType, JsonNode json) {
    }
}
