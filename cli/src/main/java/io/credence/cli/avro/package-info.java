/** Reading Credence's Avro payloads for people: any record type by fingerprint, and as plain JSON. */
package io.credence.cli.avro;
