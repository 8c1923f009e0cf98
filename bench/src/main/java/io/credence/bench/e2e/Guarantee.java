package io.credence.bench.e2e;

import org.apache.kafka.streams.StreamsConfig;

/** A Kafka Streams processing guarantee, with the short name used in figure names. */
public enum Guarantee {
    EXACTLY_ONCE(StreamsConfig.EXACTLY_ONCE_V2, "eos"),
    AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE, "alo");

    private final String config;
    private final String shortName;

    Guarantee(String config, String shortName) {
        this.config = config;
        this.shortName = shortName;
    }

    /** The value of {@code processing.guarantee}. */
    public String config() { return config; }

    /** {@code eos} or {@code alo}. */
    public String shortName() { return shortName; }

    /** Whether consumers of the output must read committed data only. */
    public boolean transactional() { return this == EXACTLY_ONCE; }

    /** The guarantee named {@code eos}, {@code alo}, {@code exactly_once_v2} or {@code at_least_once}. */
    public static Guarantee parse(String name) {
        for (Guarantee g : values()) {
            if (g.shortName.equalsIgnoreCase(name) || g.config.equalsIgnoreCase(name)) return g;
        }
        throw new IllegalArgumentException("unknown processing guarantee " + name + " (eos, alo)");
    }
}
