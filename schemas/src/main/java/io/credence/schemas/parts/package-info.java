/**
 * Values too large for one Kafka record, carried as several: a posterior snapshot on posterior-snapshots
 * ({@link io.credence.schemas.parts.SnapshotParts} writes its records, {@link io.credence.schemas.parts.SnapshotAssembler}
 * reads them back, {@link io.credence.schemas.parts.SnapshotKeys} names and places them) and the slicing and CRC-32C
 * they share with the trainer's checkpoints ({@link io.credence.schemas.parts.Parts}).
 */
package io.credence.schemas.parts;
