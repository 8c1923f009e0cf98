package io.credence.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a fresh log dir the way {@code kafka-storage.sh format} does, with the latest production metadata version
 * and the production default of every feature (so {@code transaction.version=2}, exactly-once v2, is on).
 */
final class StorageFormat {

    private static final Logger log = LoggerFactory.getLogger(StorageFormat.class);

    private StorageFormat() {
    }

    /**
     * Formats {@code logDir} with a new cluster id unless it already holds a {@code meta.properties} (a restart).
     *
     * @param scramCredentials SCRAM users to write into the cluster metadata, in {@code --add-scram} syntax
     */
    static void formatIfNew(Path logDir, List<String> scramCredentials) throws Exception {
        if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            log.debug("Log dir {} is already formatted", logDir);
            return;
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (PrintStream reportStream = new PrintStream(report, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(reportStream)
                    .setNodeId(ServerProperties.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(ServerProperties.CONTROLLER_LISTENER)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setScramArguments(scramCredentials)
                    .run();
        }
        log.debug("Formatted {}: {}", logDir, report.toString(StandardCharsets.UTF_8).strip());
    }
}
