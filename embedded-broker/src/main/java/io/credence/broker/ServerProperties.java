package io.credence.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Kafka server configuration of the single-node, combined broker+controller embedded broker. */
final class ServerProperties {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "localhost";

    private ServerProperties() {
    }

    /**
     * Builds the configuration: our single-node defaults first, then {@code overrides} on top.
     *
     * @param tls  the resolved TLS listener, or null for none
     * @param sasl the resolved SASL listener, or null for none
     */
    static Map<String, String> of(Path logDir, int plaintextPort, int controllerPort, TlsListener tls, SaslListener sasl,
                                  Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        List<String> listeners = new ArrayList<>();
        List<String> protocolMap = new ArrayList<>(List.of("PLAINTEXT:PLAINTEXT", CONTROLLER_LISTENER + ":PLAINTEXT"));
        listeners.add("PLAINTEXT://" + HOST + ":" + plaintextPort);
        if (tls != null) {
            listeners.add("SSL://" + HOST + ":" + tls.port());
            protocolMap.add("SSL:SSL");
            putTls(p, tls);
        }
        if (sasl != null) {
            listeners.add("SASL_PLAINTEXT://" + HOST + ":" + sasl.port());
            protocolMap.add("SASL_PLAINTEXT:SASL_PLAINTEXT");
            putSasl(p, sasl);
        }
        p.put("advertised.listeners", String.join(",", listeners));
        listeners.add(CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("listeners", String.join(",", listeners));
        p.put("listener.security.protocol.map", String.join(",", protocolMap));

        // One node: every internal topic has one replica, and one partition is plenty.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // Applications create their own topics; a typo must fail rather than create a topic.
        p.put("auto.create.topics.enable", "false");
        // Consumers and Streams apps join at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // Small segments so compaction of compacted topics is visible in a demo; a small cleaner buffer (default 128 MiB).
        p.put("log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // A demo machine has few cores.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("group.coordinator.threads", "1");
        p.put("background.threads", "2");

        p.putAll(overrides);
        return p;
    }

    private static void putTls(Map<String, String> p, TlsListener tls) {
        String prefix = "listener.name.ssl.";
        p.put(prefix + "ssl.keystore.type", "PKCS12");
        p.put(prefix + "ssl.keystore.location", tls.keyStore().toAbsolutePath().toString());
        p.put(prefix + "ssl.keystore.password", tls.keyStorePassword());
        p.put(prefix + "ssl.key.password", tls.keyStorePassword());
        p.put(prefix + "ssl.truststore.type", "PKCS12");
        p.put(prefix + "ssl.truststore.location", tls.trustStore().toAbsolutePath().toString());
        p.put(prefix + "ssl.truststore.password", tls.trustStorePassword());
        p.put(prefix + "ssl.client.auth", tls.clientAuthRequired() ? "required" : "none");
    }

    private static void putSasl(Map<String, String> p, SaslListener sasl) {
        String prefix = "listener.name.sasl_plaintext.";
        p.put(prefix + "sasl.enabled.mechanisms", sasl.mechanisms().stream()
                .map(SaslMechanism::kafkaName).sorted().collect(Collectors.joining(",")));
        for (SaslMechanism mechanism : sasl.mechanisms()) {
            String key = prefix + mechanism.kafkaName().toLowerCase(Locale.ROOT) + ".sasl.jaas.config";
            p.put(key, switch (mechanism) {
                case PLAIN -> "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + sasl.users().entrySet().stream()
                                .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                                .sorted()
                                .collect(Collectors.joining(" "))
                        + ";";
                case SCRAM_SHA_256 -> "org.apache.kafka.common.security.scram.ScramLoginModule required;";
            });
        }
    }

    /** The credentials the storage formatter writes into the cluster metadata, in kafka-storage's --add-scram syntax. */
    static List<String> scramCredentials(SaslListener sasl) {
        if (sasl == null || !sasl.mechanisms().contains(SaslMechanism.SCRAM_SHA_256)) {
            return List.of();
        }
        return sasl.users().entrySet().stream()
                .map(user -> SaslMechanism.SCRAM_SHA_256.kafkaName()
                        + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]")
                .sorted()
                .toList();
    }
}
