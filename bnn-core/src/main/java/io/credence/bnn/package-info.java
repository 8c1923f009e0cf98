/** bnn-core: Bayes by Backprop on ND4J for streams (no Kafka here). Start at {@link io.credence.bnn.inference.OnlineLearner} and {@link io.credence.bnn.predictive.Predictor}. */
package io.credence.bnn;
