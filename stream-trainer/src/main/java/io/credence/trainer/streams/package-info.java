/** The Kafka Streams client as a Micronaut-managed bean: topic provisioning, lifecycle and health. */
package io.credence.trainer.streams;
