/**
 * Posterior snapshots decoded once into ready-to-sample models, and the checks and micro-batch scoring shared by the
 * stream path and the HTTP path.
 */
package io.credence.scorer.scoring;
