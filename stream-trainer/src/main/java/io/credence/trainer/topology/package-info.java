/** The trainer's Kafka Streams topology, built by one pure function that the app and the tests share. */
package io.credence.trainer.topology;
