package io.credence.app;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Requires {@code Authorization: Bearer <credence.http.bearer-token>} on every endpoint except /health when that
 * token is set (401 with a {@code WWW-Authenticate} challenge naming the app and an {@link ErrorView} otherwise); an
 * empty token turns the check off. Both apps use it; the scorer's live page at / is behind it too (a plain browser
 * cannot send the header).
 *
 * <p>Only SHA-256 digests are kept and compared, in constant time, so neither the token's content nor its length
 * leaks through timing, and the token itself is never held or logged here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BearerTokenFilter {

    /** Paths open without a token, so that orchestrators can probe the app. */
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/health/liveness", "/health/readiness");
    private static final String SCHEME = "Bearer ";

    /** {@code Bearer realm="<app name>"}. */
    private final String challenge;
    /** Digest of the configured token, or null when no token is configured. */
    private final byte[] expectedDigest;

    /**
     * @param token   the token to require; blank for none
     * @param appName the realm of the challenge ({@code micronaut.application.name})
     */
    public BearerTokenFilter(@Value("${credence.http.bearer-token:}") String token,
                             @Value("${micronaut.application.name:credence}") String appName) {
        this.challenge = "Bearer realm=\"" + appName + "\"";
        this.expectedDigest = token.isBlank() ? null : sha256(token);
    }

    /** Null to let {@code request} through; a 401 answer when it lacks the configured token. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (expectedDigest == null || OPEN_PATHS.contains(request.getPath())) return null;
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return unauthorized(challenge, "this endpoint requires the header Authorization: Bearer <token>");
        }
        if (!MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(SCHEME.length()).trim()))) {
            return unauthorized(challenge + ", error=\"invalid_token\"", "the bearer token is not the configured one");
        }
        return null;
    }

    private static HttpResponse<ErrorView> unauthorized(String challenge, String reason) {
        return HttpResponse.<ErrorView>unauthorized().header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(new ErrorView("UNAUTHORIZED", reason));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
