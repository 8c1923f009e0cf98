/**
 * A real single-node Apache Kafka broker (KRaft combined mode, Kafka's own server) that runs inside this JVM, for the
 * zero-setup demo, the {@code credence broker} command and the integration tests.
 *
 * <p>Start with {@link io.credence.broker.EmbeddedKafkaBroker#builder()}; run one from a shell with
 * {@link io.credence.broker.BrokerMain}.
 */
package io.credence.broker;
