package io.credence.cli.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Switches the CLI's logging (configured by {@code credence-logback.xml}) between its modes at run time, after the
 * command line has been parsed.
 */
public final class Logging {

    /** The resource name of the CLI's Logback configuration. */
    public static final String CONFIGURATION = "credence-logback.xml";

    private Logging() {}

    /** Long-running servers: the apps' own INFO lines on the console, Kafka's from WARN up. */
    public static void serverMode() {
        level("io.credence", Level.INFO);
        level("io.micronaut", Level.INFO);
        level("org.apache.kafka", Level.WARN);
        level("kafka", Level.WARN);
    }

    /**
     * Everything from INFO up (Kafka from WARN) into {@code file} and nothing on the console, which belongs to the
     * demo's progress bars.
     */
    public static void toFileOnly(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setAppend(false);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender("CONSOLE");
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        level("org.apache.kafka", Level.WARN);
        level("kafka", Level.WARN);
    }

    private static void level(String logger, Level level) {
        ((Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }
}
