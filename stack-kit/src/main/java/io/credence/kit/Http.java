package io.credence.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls to the apps' endpoints, with a bearer token where one is given; any status is an answer. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {}

    /**
     * An HTTP answer.
     *
     * @param status  status code
     * @param body    body text
     * @param headers response headers
     */
    public record Response(int status, String body, HttpHeaders headers) {
        /**
         * The body as JSON.
         *
         * @throws IllegalStateException when it is not JSON
         */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /**
     * GET {@code base}{@code path}.
     *
     * @throws UncheckedIOException when the app does not answer
     */
    public static Response get(URI base, String path) {
        return get(base, path, null);
    }

    /** GET {@code base}{@code path}, sending {@code Authorization: Bearer <token>} unless {@code token} is null. */
    public static Response get(URI base, String path, String token) {
        return send(request(base, path, token).GET().build());
    }

    /** POST {@code body} to {@code base}{@code path} with the given content type. */
    public static Response post(URI base, String path, String contentType, byte[] body) {
        return send(request(base, path, null).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** POST a JSON {@code body} to {@code base}{@code path}, with the token as in {@link #get(URI, String, String)}. */
    public static Response postJson(URI base, String path, String body, String token) {
        return send(request(base, path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static HttpRequest.Builder request(URI base, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
