package io.credence.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * One resource for all the tests of a class, typically a Kafka, as a JUnit extension:
 * {@code @RegisterExtension static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);}
 * starts it before the class's {@code @BeforeAll} methods and closes it after its {@code @AfterAll} methods;
 * {@link #get()} is the running resource.
 *
 * @param <T> the resource
 */
public final class PerTestClass<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<T> start;
    private T resource;

    /** @param start starts the resource and returns it once it is usable */
    public PerTestClass(Supplier<T> start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resource = start.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (resource != null) resource.close();
        resource = null;
    }

    /** The running resource of this test class. */
    public T get() {
        if (resource == null) throw new IllegalStateException("the resource runs only between the test class's @BeforeAll and @AfterAll");
        return resource;
    }
}
