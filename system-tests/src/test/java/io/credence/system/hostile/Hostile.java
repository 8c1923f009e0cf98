package io.credence.system.hostile;

import java.util.Set;

/**
 * One hostile record: the kind of attack, where it goes, its bytes, and the error classes its dead letter may carry.
 *
 * @param kind         e.g. RANDOM_BYTES, TRUNCATED, NON_FINITE, HUGE_FEATURES
 * @param topic        input topic
 * @param key          key bytes, or null
 * @param value        value bytes, or null (a tombstone)
 * @param errorClasses error classes the app may report for it (one, except where two are equally right)
 */
record Hostile(String kind, String topic, byte[] key, byte[] value, Set<String> errorClasses) {
}
