/**
 * Kafka access for the CLI: connection options with security pass-through, a producer sink, a topic reader and the
 * lookup of a model's newest posterior snapshot.
 */
package io.credence.cli.kafka;
