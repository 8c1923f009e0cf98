package io.credence.kit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real HTTP server in this JVM: the token, the body and the content type reach it; any status is an answer. */
class HttpTest {
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = ("{\"method\": \"" + exchange.getRequestMethod() + "\", \"path\": \"" + exchange.getRequestURI().getPath()
                    + "\", \"auth\": \"" + auth + "\", \"type\": \"" + type + "\", \"body\": \"" + body.replace("\"", "'") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"test\"");
            exchange.sendResponseHeaders(auth == null ? 401 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void getsAndPostsWithOrWithoutAToken() {
        Http.Response none = Http.get(base, "/models");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"test\"");
        assertThat(none.json().get("path").asText()).isEqualTo("/models");

        Http.Response token = Http.get(base, "/models", "s3cret");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("auth").asText()).isEqualTo("Bearer s3cret");

        Http.Response json = Http.postJson(base, "/predict", "{\"a\": 1}", "t");
        assertThat(json.json().get("method").asText()).isEqualTo("POST");
        assertThat(json.json().get("type").asText()).isEqualTo("application/json");
        assertThat(json.json().get("body").asText()).isEqualTo("{'a': 1}");

        Http.Response bytes = Http.post(base, "/predict", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes.json().get("type").asText()).isEqualTo("text/plain");
        assertThat(bytes.json().get("auth").asText()).isEqualTo("null");
    }

    @Test
    void noAnswerIsAnIoFailureAndABodyThatIsNotJsonSaysSo() {
        server.stop(0);
        assertThatThrownBy(() -> Http.get(base, "/health")).isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("GET " + base + "/health failed");
        assertThatThrownBy(() -> new Http.Response(500, "oops", null).json()).hasMessage("not JSON (500): oops");
    }
}
