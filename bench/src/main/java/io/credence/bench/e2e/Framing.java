package io.credence.bench.e2e;

import io.credence.schemas.serde.WireFormat;

import java.util.Map;

/**
 * How the records of one measurement are framed: the format the feed writes and the harness reads, and the apps'
 * matching {@code credence.serde} settings.
 *
 * @param format      the framing of every topic of the measurement
 * @param appSettings configuration overrides that give the apps the same framing
 */
public record Framing(WireFormat format, Map<String, Object> appSettings) {

    public Framing {
        appSettings = Map.copyOf(appSettings);
    }

    /** Avro single-object encoding, the apps' default. */
    public static Framing singleObject() {
        return new Framing(WireFormat.singleObject(), Map.of());
    }

    /** The Confluent wire format with the registry at {@code url}. */
    public static Framing registry(WireFormat format, String url) {
        return new Framing(format, Map.of("credence.serde.format", "registry", "credence.serde.registry-url", url));
    }
}
