/**
 * Fault tests on a real broker: apps killed with SIGKILL mid-transaction and restarted, the broker restarted under
 * them, models moved between two trainer instances by a rebalance, and models far larger than a Kafka record killed
 * and resumed from checkpoints kept in parts; each checks exactly-once outcomes under read_committed.
 */
package io.credence.system.faults;
