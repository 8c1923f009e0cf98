/**
 * Avro single-object encoding for every Credence topic and state store: {@link io.credence.schemas.serde.AvroCodec}
 * (bytes to records and back, with schema evolution), {@link io.credence.schemas.serde.DecodeException} (why bytes were
 * refused, as a dead-letter error class), Kafka serdes ({@link io.credence.schemas.serde.AvroSerdes}) and
 * {@link io.credence.schemas.serde.SchemaFingerprint} to tell record types apart without decoding.
 */
package io.credence.schemas.serde;
