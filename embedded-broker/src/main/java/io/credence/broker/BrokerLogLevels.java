package io.credence.broker;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns the broker's own (very chatty) loggers down to WARN when this JVM logs through Logback, leaving alone any
 * logger whose level the application's Logback configuration sets. Other SLF4J backends are left as configured.
 *
 * <p>One shared logger is included: {@code AbstractConfig}, which dumps every broker config (hundreds of lines) on each
 * start and, in the same JVM, each client's config; a host that wants those dumps sets its level explicitly.
 */
final class BrokerLogLevels {

    /** Logger name prefixes used only by Kafka's server side (the client libraries log under other names). */
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.config",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.deferred",
            "org.apache.kafka.image",
            "org.apache.kafka.logger",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage",
            "org.apache.kafka.timeline",
            "org.apache.kafka.common.config.AbstractConfig");

    private BrokerLogLevels() {
    }

    static void quietUnlessConfigured() {
        if (logbackIsTheBackend()) {
            LogbackLevels.warnUnlessConfigured(BROKER_LOGGERS);
        }
    }

    /** For a JVM that only runs the broker ({@link BrokerMain}): everything at WARN, whatever Logback found. */
    static void quietEverything() {
        if (logbackIsTheBackend()) {
            LogbackLevels.rootWarn();
        }
    }

    private static boolean logbackIsTheBackend() {
        return "ch.qos.logback.classic.LoggerContext".equals(LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
