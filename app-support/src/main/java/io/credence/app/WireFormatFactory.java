package io.credence.app;

import io.credence.schemas.serde.WireFormat;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The app's one {@link WireFormat}, from {@code credence.serde}: one registry client and cache for all its topics. */
@Factory
final class WireFormatFactory {

    @Singleton
    WireFormat wireFormat(SerdeSettings settings) {
        return settings.wireFormat();
    }
}
