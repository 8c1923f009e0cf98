/**
 * What the system tests share: a broker tuned for fault tests, the apps' configuration, a feeder of steady good input,
 * and the ledgers that check exactly-once outcomes. Child JVMs that can be killed, committed and uncommitted reads of
 * topics and HTTP calls come from the stack kit ({@code io.credence.kit}).
 */
package io.credence.system.harness;
