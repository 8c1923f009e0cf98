package io.credence.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Optional;

/**
 * A client of the Confluent Schema Registry REST API (also served by Karapace, Apicurio Registry's {@code /apis/ccompat}
 * endpoint and Redpanda), for Avro schemas and the few calls Credence makes: register a schema under a subject (the
 * registry checks it against the subject's compatibility rule), look one up, fetch a schema by id. Requests carry basic or bearer authentication when configured and
 * trust the configured truststore; a request that gets no answer or a 5xx is retried twice (after 0.2 s and 1 s).
 * Caching is the caller's ({@link ConfluentWireFormat}). Thread-safe.
 */
public final class SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final long[] RETRY_DELAYS_MS = {200, 1000};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final String base;
    private final String authorization;
    private final HttpClient http;

    /** A client of the registry {@code settings} name. */
    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        String url = settings.endpoint();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String userInfo = settings.basicUserInfo();
        String token = settings.properties().get(RegistrySettings.BEARER_TOKEN);
        this.authorization = userInfo != null
                ? "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))
                : token != null ? "Bearer " + token : null;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
        String truststore = settings.properties().get(RegistrySettings.TRUSTSTORE_LOCATION);
        if (truststore != null) builder.sslContext(trusting(Path.of(truststore)));
        this.http = builder.build();
    }

    /** Where this client sends its requests (no credentials). */
    public String endpoint() {
        return base;
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is there already).
     *
     * @return the schema's global id
     * @throws RegistryException with {@link RegistryException#INCOMPATIBLE} when the subject's compatibility rule
     *                           refuses it
     */
    public int register(String subject, Schema schema) {
        return call("POST", "/subjects/" + encode(subject) + "/versions", body(schema)).path("id").asInt();
    }

    /**
     * The id of {@code schema} under {@code subject}, or empty when the subject or the schema under it is not there.
     */
    public Optional<Integer> lookup(String subject, Schema schema) {
        try {
            return Optional.of(call("POST", "/subjects/" + encode(subject), body(schema)).path("id").asInt());
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SUBJECT_NOT_FOUND || e.errorCode() == RegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The schema with global id {@code id}, or empty when the registry has none. */
    public Optional<Schema> schema(int id) {
        JsonNode reply;
        try {
            reply = call("GET", "/schemas/ids/" + id, null);
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SCHEMA_NOT_FOUND || e.status() == 404) return Optional.empty();
            throw e;
        }
        String type = reply.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException("schema id " + id + " is a " + type + " schema, not Avro", 200, 0);
        }
        return Optional.of(new Schema.Parser().parse(reply.path("schema").asText()));
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", CONTENT_TYPE);
        if (authorization != null) request.header("Authorization", authorization);
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            String failure;
            IOException cause = null;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) return JSON.readTree(response.body());
                if (response.statusCode() < 500) throw refused(method, path, response);
                failure = "HTTP " + response.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted calling the schema registry at " + base, e);
            }
            if (attempt == RETRY_DELAYS_MS.length) {
                String message = "the schema registry at " + base + " did not answer " + method + " " + path
                        + " after " + (attempt + 1) + " tries: " + failure;
                throw cause == null ? new RegistryException(message, 503, 0) : new RegistryException(message, cause);
            }
            log.warn("schema registry {} {} failed ({}); retrying in {} ms", method, path, failure, RETRY_DELAYS_MS[attempt]);
            try {
                Thread.sleep(RETRY_DELAYS_MS[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted calling the schema registry at " + base, e);
            }
        }
    }

    private RegistryException refused(String method, String path, HttpResponse<String> response) {
        int code = response.statusCode();
        String message = response.body();
        try {
            JsonNode error = JSON.readTree(response.body());
            code = error.path("error_code").asInt(code);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        String hint = response.statusCode() == 401 || response.statusCode() == 403
                ? " (check basic.auth.user.info or bearer.auth.token)" : "";
        return new RegistryException("the schema registry at " + base + " refused " + method + " " + path + ": HTTP "
                + response.statusCode() + ", error " + code + ": " + message + hint, response.statusCode(), code);
    }

    private static String body(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private SSLContext trusting(Path truststore) {
        String type = settings.properties().getOrDefault(RegistrySettings.TRUSTSTORE_TYPE, KeyStore.getDefaultType());
        String password = settings.properties().get(RegistrySettings.TRUSTSTORE_PASSWORD);
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the schema registry truststore " + truststore + ": " + e.getMessage(), e);
        }
    }
}
