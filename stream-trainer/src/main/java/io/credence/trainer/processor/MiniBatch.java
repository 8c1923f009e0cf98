package io.credence.trainer.processor;

/**
 * The examples of one mini-batch in raw units, as {@link io.credence.bnn.inference.OnlineLearner#learn} takes them.
 *
 * @param features [batch][features] inputs
 * @param labels   [batch] targets or class indices
 * @param weights  [batch] likelihood weights, or null when every example has weight 1
 */
record MiniBatch(double[][] features, double[] labels, double[] weights) {
}
