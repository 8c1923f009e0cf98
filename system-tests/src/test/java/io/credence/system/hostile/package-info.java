/**
 * Hostile input on a real broker: a seeded fuzzer sends malformed, wrong-schema, non-finite, mis-shaped, oversized and
 * otherwise invalid records to every input topic and to POST /predict, interleaved with good ones, and the test checks
 * that every bad one is dead-lettered (or answered 4xx) with a reason while every good one is trained or scored.
 */
package io.credence.system.hostile;
