package io.credence.cli.kafka;

import io.credence.app.SerdeSettings;
import io.credence.cli.CommandFailure;
import io.credence.schemas.serde.WireFormat;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a command frames the records it reads and writes: Avro single-object encoding (the default) or the Confluent
 * wire format with a schema registry, the same choice as the apps' {@code credence.serde}.
 */
public final class SerdeOptions {

    @Option(names = "--serde-format", paramLabel = "FORMAT",
            description = "single-object (default) or registry: the Confluent wire format, schemas in a schema registry "
                    + "(default: $CREDENCE_SERDE_FORMAT; registry when only a registry URL is given).")
    String format;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Schema registry base URL, e.g. http://localhost:8081 (default: $CREDENCE_SERDE_REGISTRY_URL).")
    String registryUrl;

    @Option(names = "--registry-property", paramLabel = "KEY=VALUE",
            description = "A schema registry client setting under Confluent's name (repeatable): basic.auth.user.info, "
                    + "bearer.auth.token, schema.registry.ssl.truststore.location/.password/.type, auto.register.schemas.")
    List<String> properties = new ArrayList<>();

    private WireFormat wireFormat;

    /** The settings these options give (options first, then the environment), checked. */
    public SerdeSettings settings() {
        String url = registryUrl != null ? registryUrl : env("CREDENCE_SERDE_REGISTRY_URL");
        String chosen = format != null ? format : env("CREDENCE_SERDE_FORMAT");
        if (chosen == null) chosen = url != null ? SerdeSettings.REGISTRY : SerdeSettings.SINGLE_OBJECT;
        Map<String, String> props = new LinkedHashMap<>();
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new CommandFailure("--registry-property must be KEY=VALUE, got \"" + p + "\"");
            props.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        try {
            return new SerdeSettings(chosen, url, props);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage().replace("credence.serde.format=registry needs credence.serde.registry-url",
                    "--serde-format registry needs --registry-url"));
        }
    }

    /** The wire format these options name (one per command run, so its registry cache is shared). */
    public WireFormat wireFormat() {
        if (wireFormat == null) wireFormat = settings().wireFormat();
        return wireFormat;
    }

    /**
     * Micronaut overrides that hand the same framing to a trainer or scorer (credence.serde.*), options and
     * environment alike, so an app never frames otherwise than the commands beside it (a registry URL alone means
     * registry mode for both); none when no option is given and the environment asks for no registry.
     */
    public Map<String, Object> appOverrides() {
        SerdeSettings s = settings();
        boolean noOption = format == null && registryUrl == null && properties.isEmpty();
        if (noOption && s.format().equals(SerdeSettings.SINGLE_OBJECT)) return new LinkedHashMap<>(); // the app's own configuration
        return s.overrides();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
