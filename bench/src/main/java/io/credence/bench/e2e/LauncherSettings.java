package io.credence.bench.e2e;

import io.credence.kit.ChildApp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM settings the {@code credence} launcher gives the apps (heap limit, the Vector API's module), so that a trainer
 * or scorer measured in a {@link ChildApp} runs as users run it.
 */
public final class LauncherSettings {
    /** The launcher's default heap limit (CREDENCE_HEAP). */
    public static final String HEAP = "2g";

    private LauncherSettings() {}

    /**
     * Starts {@code mainClass} in a child JVM with {@code config} as {@code -key=value} arguments and an HTTP port of its
     * own; closing it stops it gracefully.
     *
     * @param log   file that receives the child's standard output and error
     * @param heap  the -Xmx value, e.g. {@value #HEAP}
     * @param gcLog the GC log to write, or null for none
     */
    public static ChildApp start(String name, Class<?> mainClass, Map<String, Object> config, Path log, String heap, GcLog gcLog) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Dlogback.configurationFile=bench-logback.xml", "--add-modules=jdk.incubator.vector"));
        if (gcLog != null) options.add(gcLog.option());
        return ChildApp.of(name, mainClass.getName()).jvmOptions(options).config(config, ChildApp.Channel.ARGUMENTS)
                .freeHttpPort().stopOnClose().log(log).start();
    }
}
