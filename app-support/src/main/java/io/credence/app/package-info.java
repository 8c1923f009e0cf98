/**
 * What the two Micronaut stream apps share: how they reach Kafka, how they make their topics ready
 * ({@link io.credence.app.TopicProvisioner}), the wait for their Kafka Streams client to run, their /health
 * ({@link io.credence.app.StreamsHealthIndicator}) and /prometheus endpoints, the optional bearer token on their
 * endpoints, and how code that starts an app in its JVM sees it ({@link io.credence.app.EmbeddedApp}).
 */
package io.credence.app;
