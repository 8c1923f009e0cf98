package io.credence.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Latency of POST /predict for one record, one request at a time over a kept-alive HTTP/1.1 connection, as a client
 * sees it (request written to response read): warm-up requests first, then the measured ones.
 */
public final class PredictLatency {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI predict;

    /** @param scorer the scorer's base URL */
    public PredictLatency(URI scorer) {
        this.predict = scorer.resolve("/predict");
    }

    /**
     * Waits until {@code modelId} answers (its snapshot is loaded).
     *
     * @throws IllegalStateException when it does not within {@code timeout}
     */
    public void awaitModel(String modelId, RowSource rows, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            status = post(body(modelId, rows.nextFeatures())).statusCode();
            if (status == 200) return;
            Thread.sleep(100); // polling pace while the scorer loads the snapshot, not synchronisation
        }
        throw new IllegalStateException("POST /predict for " + modelId + " still answers " + status + " after " + timeout);
    }

    /** {@code warmup} unmeasured requests, then the latencies of {@code requests} measured ones. */
    public Latencies measure(String modelId, RowSource rows, int warmup, int requests) throws InterruptedException {
        String[] bodies = new String[warmup + requests];
        for (int i = 0; i < bodies.length; i++) bodies[i] = body(modelId, rows.nextFeatures());
        double[] millis = new double[requests];
        for (int i = 0; i < bodies.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = post(bodies[i]);
            long t1 = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /predict answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= warmup) millis[i - warmup] = (t1 - t0) / 1e6;
        }
        return Latencies.of(millis);
    }

    private HttpResponse<String> post(String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + predict + " failed: " + e, e);
        }
    }

    private static String body(String modelId, double[] features) {
        return "{\"modelId\":\"" + modelId + "\",\"features\":["
                + Arrays.stream(features).mapToObj(v -> String.format(Locale.ROOT, "%.6f", v)).collect(Collectors.joining(","))
                + "]}";
    }
}
