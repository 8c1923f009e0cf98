package io.credence.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** GET /prometheus: every meter of the app in the Prometheus text exposition format. */
@Controller("/prometheus")
public class PrometheusController {
    private final PrometheusMeterRegistry registry;

    PrometheusController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** The current values of every meter. */
    @Get(produces = "text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return registry.scrape();
    }
}
