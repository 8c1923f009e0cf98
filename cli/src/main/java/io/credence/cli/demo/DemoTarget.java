package io.credence.cli.demo;

import io.credence.kit.LocalStack;
import io.credence.schemas.serde.WireFormat;

import java.util.Map;

/**
 * Where the demo runs: a Kafka cluster with stream-trainer and stream-scorer attached (the embedded
 * {@link LocalStack}, or an existing deployment such as the compose file's).
 *
 * @param kafka      Kafka client settings (bootstrap.servers and any security settings)
 * @param bootstrap  the bootstrap servers, for messages
 * @param trainerUrl the trainer's HTTP base URL (GET /models/{id} tells when it has taken a spec)
 * @param scorerUrl  the scorer's HTTP base URL (its live page), or null when unknown
 * @param httpToken  the trainer's bearer token (credence.http.bearer-token), or null when it has none
 * @param format     how the topics' records are framed (the apps' credence.serde)
 */
public record DemoTarget(Map<String, Object> kafka, String bootstrap, String trainerUrl, String scorerUrl,
                         String httpToken, WireFormat format) {

    /** Copies the settings. */
    public DemoTarget {
        kafka = Map.copyOf(kafka);
    }

    /** Where {@code stack}'s broker and apps are. */
    public static DemoTarget of(LocalStack stack) {
        return new DemoTarget(stack.clientSettings(), stack.bootstrapServers(), stack.trainerUrl().toString(),
                stack.scorerUrl().toString(), null, stack.wireFormat());
    }
}
