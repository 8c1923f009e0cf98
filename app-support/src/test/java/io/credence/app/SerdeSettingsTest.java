package io.credence.app;

import io.credence.schemas.registry.ConfluentWireFormat;
import io.credence.schemas.serde.WireFormat;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerdeSettingsTest {

    @Test
    void singleObjectIsTheDefault() {
        assertThat(new SerdeSettings(null, null, null).wireFormat()).isSameAs(WireFormat.singleObject());
        assertThat(new SerdeSettings("single-object", "", Map.of()).toString()).isEqualTo("SerdeSettings[format=single-object]");
    }

    @Test
    void registryModeNeedsAUrlAndChecksItsSettingsAtOnce() {
        assertThatThrownBy(() -> new SerdeSettings("registry", " ", Map.of()))
                .hasMessageContaining("credence.serde.registry-url");
        assertThatThrownBy(() -> new SerdeSettings("avro", null, Map.of())).hasMessageContaining("single-object or registry");
        assertThatThrownBy(() -> new SerdeSettings("registry", "http://r:8081", Map.of("basic.auth.userinfo", "u:p")))
                .hasMessageStartingWith("credence.serde: unknown schema registry setting basic.auth.userinfo");
        assertThat(new SerdeSettings("registry", "http://r:8081", Map.of()).wireFormat()).isInstanceOf(ConfluentWireFormat.class);
    }

    @Test
    void secretsNeverShowAndEnvironmentCopiesAreDropped() {
        SerdeSettings s = new SerdeSettings("registry", "https://svc:pw0@r:8081", Map.of("basic.auth.user.info", "user:pw1",
                "basic-auth-user-info", "user:pw1", "schema.registry.ssl.truststore.password", "pw2"));
        assertThat(s.properties()).doesNotContainKey("basic-auth-user-info");
        assertThat(s.toString()).contains("https://r:8081", "[hidden]").doesNotContain("pw0", "pw1", "pw2");
    }

    @Test
    void overridesHandTheSameFramingToAnApp() {
        assertThat(new SerdeSettings(null, null, null).overrides()).containsExactly(Map.entry("credence.serde.format", "single-object"));
        assertThat(new SerdeSettings("registry", "http://r:8081", Map.of("basic.auth.user.info", "u:p")).overrides())
                .containsOnly(Map.entry("credence.serde.format", "registry"), Map.entry("credence.serde.registry-url", "http://r:8081"),
                        Map.entry("credence.serde.properties.basic.auth.user.info", "u:p"));
    }
}
