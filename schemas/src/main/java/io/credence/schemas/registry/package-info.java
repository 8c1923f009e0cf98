/**
 * The Confluent wire format ({@link io.credence.schemas.registry.ConfluentWireFormat}: a zero byte, the writer schema's
 * 4-byte registry id, the Avro body) and the small client of the Confluent Schema Registry REST API it resolves ids
 * and registers schemas through ({@link io.credence.schemas.registry.SchemaRegistryClient}, configured by
 * {@link io.credence.schemas.registry.RegistrySettings} under Confluent's setting names).
 */
package io.credence.schemas.registry;
