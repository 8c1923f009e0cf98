/** Kafka access for the CLI: connection options with security pass-through, a producer sink and a topic reader. */
package io.credence.cli.kafka;
