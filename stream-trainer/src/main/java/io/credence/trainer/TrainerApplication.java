package io.credence.trainer;

import io.micronaut.runtime.Micronaut;

/**
 * Command-line entry point of stream-trainer: {@code java io.credence.trainer.TrainerApplication [-key=value...]};
 * configuration from application-trainer.yml, environment variables and the arguments.
 */
public final class TrainerApplication {

    private TrainerApplication() {}

    public static void main(String[] args) {
        TrainerApp.configure(Micronaut.build(args)).start();
    }
}
