/** The trainer's HTTP API: the models it trains and its Prometheus metrics (health comes from Micronaut management). */
package io.credence.trainer.http;
