/** stream-trainer: trains one Bayesian neural network per model id online from Kafka (entry points and wiring). */
package io.credence.trainer;
