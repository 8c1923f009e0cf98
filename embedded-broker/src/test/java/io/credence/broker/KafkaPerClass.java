package io.credence.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link KafkaFixture} for all the tests of a class, as a JUnit extension:
 * {@code @RegisterExtension static final KafkaPerClass kafka = new KafkaPerClass();} starts it before the class's
 * {@code @BeforeAll} methods and closes it after its {@code @AfterAll} methods; {@link #get()} is the running fixture.
 */
public final class KafkaPerClass implements BeforeAllCallback, AfterAllCallback {

    private KafkaFixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) {
        fixture = KafkaFixture.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (fixture != null) fixture.close();
        fixture = null;
    }

    /** The running Kafka of this test class. */
    public KafkaFixture get() {
        if (fixture == null) throw new IllegalStateException("Kafka runs only between the test class's @BeforeAll and @AfterAll");
        return fixture;
    }
}
