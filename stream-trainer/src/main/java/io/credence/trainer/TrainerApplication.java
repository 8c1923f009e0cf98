package io.credence.trainer;

import io.micronaut.runtime.Micronaut;

/** Runs stream-trainer: configuration from application.yml and environment variables. */
public final class TrainerApplication {

    private TrainerApplication() {}

    public static void main(String[] args) {
        Micronaut.run(TrainerApplication.class, args);
    }
}
