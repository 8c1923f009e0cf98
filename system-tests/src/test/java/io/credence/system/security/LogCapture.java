package io.credence.system.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every log event of this JVM, kept in memory from {@link #start()} to {@link #close()}: a Logback list appender on
 * the root logger, with the apps', Micronaut's and the Kafka clients' loggers opened up to INFO (ours to DEBUG) for
 * the time being, Kafka's configuration dumps included, so that a secret logged anywhere would be caught. The other
 * appenders (the console) keep printing only what the configured levels let through.
 */
final class LogCapture implements AutoCloseable {

    /** Logger names and the level they get while capturing; the broker's own loggers stay as quiet as they are. */
    private static final Map<String, Level> OPENED = Map.of(
            Logger.ROOT_LOGGER_NAME, Level.INFO,
            "io.credence", Level.DEBUG,
            "io.micronaut", Level.INFO,
            "org.apache.kafka", Level.INFO,
            // The embedded broker turns this one (the config dumps of every client) down unless it is set.
            "org.apache.kafka.common.config.AbstractConfig", Level.INFO);

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Map<Appender<ILoggingEvent>, List<Filter<ILoggingEvent>>> otherAppenders = new LinkedHashMap<>();

    private LogCapture() {
    }

    /** Starts capturing; call before anything that may log a secret starts. */
    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger root = capture.context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> other = it.next();
            capture.otherAppenders.put(other, other.getCopyOfAttachedFiltersList());
            other.addFilter(capture.new ConfiguredLevels());
        }
        OPENED.forEach((name, level) -> {
            Logger logger = capture.context.getLogger(name);
            capture.previousLevels.put(logger, logger.getLevel());
            logger.setLevel(level);
        });
        capture.appender.setContext(capture.context);
        capture.appender.setName("log-capture");
        capture.appender.start();
        root.addAppender(capture.appender);
        return capture;
    }

    /** Each event captured so far as text: level, logger, message with its arguments, and any stack trace in full. */
    List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) { // AppenderBase appends while holding the appender's lock
            events = new ArrayList<>(appender.list);
        }
        List<String> lines = new ArrayList<>(events.size());
        for (ILoggingEvent event : events) {
            String text = event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            lines.add(text);
        }
        return lines;
    }

    /** Stops capturing and puts the levels and the other appenders' filters back. */
    @Override
    public void close() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        previousLevels.forEach(Logger::setLevel);
        otherAppenders.forEach((other, filters) -> {
            other.clearAllFilters();
            filters.forEach(other::addFilter);
        });
    }

    /** Lets an event through only if the levels configured before {@link #start()} would have. */
    private final class ConfiguredLevels extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(configuredLevel(event.getLoggerName())) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }

        /** The effective level {@code name} had before capturing: its own or its nearest ancestor's. */
        private Level configuredLevel(String name) {
            for (String n = name; ; n = n.substring(0, Math.max(0, n.lastIndexOf('.')))) {
                Logger logger = LogCapture.this.context.getLogger(n.isEmpty() ? Logger.ROOT_LOGGER_NAME : n);
                Level level = previousLevels.containsKey(logger) ? previousLevels.get(logger) : logger.getLevel();
                if (level != null) return level;
            }
        }
    }
}
