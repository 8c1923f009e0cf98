/**
 * stream-scorer: a Micronaut application hosting a Kafka Streams topology that scores feature records with the newest
 * posterior snapshot of each model, plus POST /predict, GET /models, health, Prometheus metrics and a live page.
 * Entry points: {@link io.credence.scorer.ScorerApplication#main} and {@link io.credence.scorer.ScorerApp#start}.
 */
package io.credence.scorer;
