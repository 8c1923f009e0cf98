/**
 * What the system tests share: a broker tuned for fault tests, the apps' configuration, child JVMs that can be killed,
 * committed and uncommitted reads of topics, and the ledgers that check exactly-once outcomes.
 */
package io.credence.system.harness;
