package io.credence.broker;

/** The SASL mechanisms the embedded broker's SASL_PLAINTEXT listener can offer. */
public enum SaslMechanism {
    /** Username and password sent as is (RFC 4616); users live in the listener's JAAS configuration. */
    PLAIN("PLAIN"),
    /** Salted challenge-response (RFC 7677); credentials are written into the cluster metadata when the log dir is formatted. */
    SCRAM_SHA_256("SCRAM-SHA-256");

    private final String kafkaName;

    SaslMechanism(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name Kafka uses in {@code sasl.mechanism} and {@code sasl.enabled.mechanisms}. */
    public String kafkaName() {
        return kafkaName;
    }
}
