package io.credence.scorer;

import io.micronaut.runtime.Micronaut;

/** Command-line entry point of stream-scorer: {@code java io.credence.scorer.ScorerApplication [-key=value...]}. */
public final class ScorerApplication {
    private ScorerApplication() {}

    public static void main(String[] args) {
        ScorerApp.configure(Micronaut.build(args)).start();
    }
}
