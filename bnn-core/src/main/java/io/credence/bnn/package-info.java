/** bnn-core: Bayes by Backprop for streams, on the JDK's Vector API (no Kafka here). Start at {@link io.credence.bnn.inference.OnlineLearner} and {@link io.credence.bnn.predictive.Predictor}. */
package io.credence.bnn;
