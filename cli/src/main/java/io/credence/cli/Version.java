package io.credence.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code credence --version}: the jar's implementation version and the Java running it. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Credence.class.getPackage().getImplementationVersion();
        return new String[] {"credence " + (version == null ? "(development build)" : version)
                + ", Java " + System.getProperty("java.version")};
    }
}
