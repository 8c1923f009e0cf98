/**
 * The pipeline over secured Kafka connections (mutual TLS, SASL/SCRAM) configured only through the apps'
 * {@code credence.kafka.properties.*} pass-through, the HTTP bearer token, the /predict limits, and no secret in any
 * log line.
 */
package io.credence.system.security;
