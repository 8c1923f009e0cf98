package io.credence.app;

import io.credence.schemas.registry.ConfluentWireFormat;
import io.credence.schemas.registry.RegistrySettings;
import io.credence.schemas.serde.WireFormat;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an app frames the records of the topics users read and write, bound from {@code credence.serde} (the same keys
 * in stream-trainer and stream-scorer). State stores and internal topics are single-object whatever this says.
 *
 * @param format      {@code single-object} (Avro single-object encoding, no registry) or {@code registry} (the
 *                    Confluent wire format, schemas in a Confluent-compatible schema registry)
 * @param registryUrl the registry's base URL, e.g. {@code http://registry:8081}; required with {@code registry}
 * @param properties  the registry client's settings under Confluent's names ({@link RegistrySettings}: basic or bearer
 *                    authentication, truststore, auto.register.schemas); secrets never appear in {@link #toString()}
 */
@ConfigurationProperties("credence.serde")
public record SerdeSettings(String format, String registryUrl,
                            @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> properties) {

    /** Value of {@code format} for Avro single-object encoding. */
    public static final String SINGLE_OBJECT = "single-object";
    /** Value of {@code format} for the Confluent wire format with a schema registry. */
    public static final String REGISTRY = "registry";

    public SerdeSettings {
        if (format == null || format.isBlank()) format = SINGLE_OBJECT;
        if (!format.equals(SINGLE_OBJECT) && !format.equals(REGISTRY)) {
            throw new IllegalArgumentException("credence.serde.format must be " + SINGLE_OBJECT + " or " + REGISTRY + ", got " + format);
        }
        Map<String, String> kept = new HashMap<>(properties == null ? Map.of() : properties);
        kept.keySet().removeIf(k -> k.contains("-")); // Micronaut's hyphenated copies of environment variables
        properties = Map.copyOf(kept);
        if (format.equals(REGISTRY)) {
            if (registryUrl == null || registryUrl.isBlank()) {
                throw new IllegalArgumentException("credence.serde.format=registry needs credence.serde.registry-url");
            }
            registry(registryUrl, properties); // checks the URL and properties now, at start-up
        }
    }

    /** The wire format these settings name; a new registry client (with its caches) each call. */
    public WireFormat wireFormat() {
        return format.equals(REGISTRY) ? new ConfluentWireFormat(registry(registryUrl, properties)) : WireFormat.singleObject();
    }

    /**
     * These settings as configuration overrides of an app ({@code credence.serde.*}), so that an app started beside
     * the code that holds them frames its records the same way.
     */
    public Map<String, Object> overrides() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("credence.serde.format", format);
        if (registryUrl != null) overrides.put("credence.serde.registry-url", registryUrl);
        properties.forEach((k, v) -> overrides.put("credence.serde.properties." + k, v));
        return overrides;
    }

    private static RegistrySettings registry(String registryUrl, Map<String, String> properties) {
        try {
            return new RegistrySettings(URI.create(registryUrl.trim()), properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credence.serde: " + e.getMessage(), e);
        }
    }

    /** The settings with the URL's credentials and every secret property hidden. */
    @Override
    public String toString() {
        return format.equals(REGISTRY) ? "SerdeSettings[format=registry, " + registry(registryUrl, properties) + "]" : "SerdeSettings[format=single-object]";
    }
}
