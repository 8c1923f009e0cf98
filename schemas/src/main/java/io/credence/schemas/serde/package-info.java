/**
 * How Credence records become bytes and back: {@link io.credence.schemas.serde.AvroCodec} (one record type in Avro's
 * single-object encoding, with schema evolution, and bare bodies for other framings),
 * {@link io.credence.schemas.serde.WireFormat} (the framing of a topic: single-object, or the Confluent wire format in
 * {@code io.credence.schemas.registry}), {@link io.credence.schemas.serde.TopicCodec} (one topic's records in one
 * format, and its Kafka {@link io.credence.schemas.serde.AvroSerde}), {@link io.credence.schemas.serde.DecodeException}
 * (why bytes were refused, as a dead-letter error class) and {@link io.credence.schemas.serde.SchemaFingerprint} to
 * tell single-object record types apart without decoding.
 */
package io.credence.schemas.serde;
