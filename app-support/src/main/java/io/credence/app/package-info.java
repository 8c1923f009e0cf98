/** What the two Micronaut stream apps share: how they reach Kafka and the optional bearer token on their endpoints. */
package io.credence.app;
