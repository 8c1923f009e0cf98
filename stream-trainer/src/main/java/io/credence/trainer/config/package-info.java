/** Typed configuration of the trainer, bound from application.yml (every key overridable by environment variables). */
package io.credence.trainer.config;
