/**
 * Typed configuration of the scorer: immutable records bound from {@code credence.scorer.*} in application-scorer.yml
 * (every key documented there, every key overridable by an environment variable) and validated on construction.
 */
package io.credence.scorer.config;
