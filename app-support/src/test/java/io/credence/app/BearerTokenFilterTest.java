package io.credence.app;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bearer-token check: off when no token is set; with one, every path but /health needs exactly that token. */
class BearerTokenFilterTest {

    private static final String TOKEN = "s3cret-token";
    private final BearerTokenFilter filter = new BearerTokenFilter(TOKEN, "stream-scorer");

    @Test
    void withoutAConfiguredTokenEveryRequestPasses() {
        BearerTokenFilter off = new BearerTokenFilter("", "stream-scorer");

        assertThat(off.authenticate(HttpRequest.GET("/models"))).isNull();
        assertThat(off.authenticate(HttpRequest.GET("/prometheus").bearerAuth("anything"))).isNull();
    }

    @Test
    void aRequestWithoutATokenGets401WithABearerChallenge() {
        HttpResponse<?> answer = filter.authenticate(HttpRequest.GET("/models"));

        assertThat(answer.code()).isEqualTo(401);
        assertThat(answer.header(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"stream-scorer\"");
        assertThat(answer.body()).isInstanceOfSatisfying(ErrorView.class, error -> {
            assertThat(error.error()).isEqualTo("UNAUTHORIZED");
            assertThat(error.reason()).contains("Authorization: Bearer");
        });
    }

    @Test
    void aWrongTokenOrAnotherSchemeGets401() {
        HttpResponse<?> wrong = filter.authenticate(HttpRequest.GET("/models").bearerAuth(TOKEN + "x"));
        assertThat(wrong.code()).isEqualTo(401);
        assertThat(wrong.header(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");

        assertThat(filter.authenticate(HttpRequest.GET("/models").bearerAuth(TOKEN.substring(1))).code())
                .isEqualTo(401);
        assertThat(filter.authenticate(HttpRequest.GET("/models").basicAuth("user", TOKEN)).code())
                .isEqualTo(401);
    }

    @Test
    void theConfiguredTokenPassesWhateverTheSchemesCase() {
        assertThat(filter.authenticate(HttpRequest.POST("/predict/batch", "{}").bearerAuth(TOKEN))).isNull();
        assertThat(filter.authenticate(HttpRequest.GET("/prometheus").header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN))).isNull();
    }

    @Test
    void healthStaysOpenButNothingElseDoes() {
        assertThat(filter.authenticate(HttpRequest.GET("/health"))).isNull();
        assertThat(filter.authenticate(HttpRequest.GET("/health/readiness"))).isNull();
        assertThat(filter.authenticate(HttpRequest.GET("/healthz"))).isNotNull();
        assertThat(filter.authenticate(HttpRequest.GET("/health/../models"))).isNotNull();
        assertThat(filter.authenticate(HttpRequest.GET("/no-such-endpoint"))).isNotNull();
    }
}
