package io.credence.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one run's state (the apps' state directories), deleted with everything in it on close. */
public final class ScratchDir implements AutoCloseable {
    private final Path root;

    private ScratchDir(Path root) {
        this.root = root;
    }

    /** A new, empty directory under the system's temporary directory, named {@code prefix} and a random suffix. */
    public static ScratchDir create(String prefix) {
        try {
            return new ScratchDir(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory: " + e.getMessage(), e);
        }
    }

    /** The directory itself. */
    public Path path() {
        return root;
    }

    /** The directory {@code name} inside this one, created if missing. */
    public Path newDir(String name) {
        Path dir = root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Deletes the directory and everything below it. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
