package io.credence.schemas.registry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the schema registry is and how to reach it, with the client setting names of Confluent's serializers so a
 * team's existing values carry over.
 *
 * <p>Known properties: {@code basic.auth.user.info} ({@code user:password}; {@code basic.auth.credentials.source}
 * {@code USER_INFO}, or {@code URL} for credentials in the URL), {@code bearer.auth.token} ({@code
 * bearer.auth.credentials.source} {@code STATIC_TOKEN}), {@code schema.registry.ssl.truststore.location},
 * {@code .password} and {@code .type} (PKCS12 or JKS) for a private CA, {@code auto.register.schemas} ({@code true}
 * by default: the apps register the schemas of what they write; {@code false}: they only look them up and fail when
 * missing) and {@code request.timeout.ms} (10000). Any other key is refused, so a misspelt one is not silently ignored.
 *
 * @param url        base URL of the registry's REST API, e.g. {@code http://registry:8081}
 * @param properties client settings as above; secret values never appear in {@link #toString()}
 */
public record RegistrySettings(URI url, Map<String, String> properties) {

    public static final String USER_INFO = "basic.auth.user.info";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String REQUEST_TIMEOUT = "request.timeout.ms";
    private static final String BASIC_SOURCE = "basic.auth.credentials.source";
    private static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    private static final Set<String> KNOWN = Set.of(USER_INFO, BEARER_TOKEN, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE, AUTO_REGISTER, REQUEST_TIMEOUT, BASIC_SOURCE, BEARER_SOURCE);
    private static final Set<String> SECRETS = Set.of(USER_INFO, BEARER_TOKEN, TRUSTSTORE_PASSWORD);

    public RegistrySettings {
        if (url == null) throw new IllegalArgumentException("the schema registry URL must be set");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("the schema registry URL must be http(s)://host[:port][/path], got " + redacted(url));
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        for (String key : properties.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown schema registry setting " + key + "; known: " + new TreeSet<>(KNOWN));
            }
        }
        String basicSource = properties.getOrDefault(BASIC_SOURCE, "USER_INFO");
        if (!basicSource.equals("USER_INFO") && !basicSource.equals("URL")) {
            throw new IllegalArgumentException(BASIC_SOURCE + " must be USER_INFO or URL, got " + basicSource);
        }
        String bearerSource = properties.getOrDefault(BEARER_SOURCE, "STATIC_TOKEN");
        if (!bearerSource.equals("STATIC_TOKEN")) {
            throw new IllegalArgumentException(BEARER_SOURCE + " must be STATIC_TOKEN (the only source supported), got " + bearerSource);
        }
        if (properties.containsKey(USER_INFO) && properties.containsKey(BEARER_TOKEN)) {
            throw new IllegalArgumentException("give " + USER_INFO + " or " + BEARER_TOKEN + ", not both");
        }
        String info = properties.get(USER_INFO);
        if (info != null && info.indexOf(':') <= 0) {
            throw new IllegalArgumentException(USER_INFO + " must be user:password");
        }
        String auto = properties.getOrDefault(AUTO_REGISTER, "true");
        if (!auto.equals("true") && !auto.equals("false")) {
            throw new IllegalArgumentException(AUTO_REGISTER + " must be true or false, got " + auto);
        }
        requestTimeout(properties);
    }

    /** Settings for {@code url} with no further properties. */
    public static RegistrySettings of(String url) {
        return new RegistrySettings(URI.create(url), Map.of());
    }

    /** Whether the apps register the schemas of the records they write (else they only look them up). */
    public boolean autoRegister() {
        return Boolean.parseBoolean(properties.getOrDefault(AUTO_REGISTER, "true"));
    }

    /** How long one request may take. */
    public Duration requestTimeout() {
        return requestTimeout(properties);
    }

    /**
     * The {@code user:password} of HTTP basic authentication, from {@code basic.auth.user.info} or the URL's user
     * info, if any.
     */
    String basicUserInfo() {
        String info = properties.get(USER_INFO);
        if (info != null) return info;
        return url.getRawUserInfo() == null ? null : URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8);
    }

    /** The URL without credentials, as requests are sent to it and logs show it. */
    public String endpoint() {
        return redacted(url);
    }

    private static Duration requestTimeout(Map<String, String> properties) {
        String ms = properties.getOrDefault(REQUEST_TIMEOUT, "10000");
        try {
            long value = Long.parseLong(ms);
            if (value <= 0) throw new NumberFormatException();
            return Duration.ofMillis(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT + " must be a positive number of milliseconds, got " + ms);
        }
    }

    private static String redacted(URI url) {
        String s = url.toString();
        return url.getRawUserInfo() == null ? s : s.replace(url.getRawUserInfo() + "@", "");
    }

    /** The settings with every secret shown as [hidden]. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, SECRETS.contains(k) ? "[hidden]" : v));
        return "RegistrySettings[url=" + endpoint() + ", properties=" + shown + "]";
    }
}
