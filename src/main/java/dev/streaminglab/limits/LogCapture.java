package dev.streaminglab.limits;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps the lines Kafka Streams logs under a logger name at WARN and above while an experiment runs, so a finding
 * can show the log line an operator would see (a late record skipped, a setting ignored). The kit's log4j2
 * configuration keeps some of these loggers at ERROR; the capture reads them anyway and hides them from the
 * console, and closing it restores the configuration.
 */
final class LogCapture implements AutoCloseable {
    private final String logger;
    private final LoggerContext context;
    private final LoggerConfig previous;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    private LogCapture(String logger) {
        this.logger = logger;
        this.context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        this.previous = config.getLoggers().get(logger);
        this.appender = new AbstractAppender("limits-capture-" + logger, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerConfig capture = new LoggerConfig(logger, Level.WARN, false);
        capture.addAppender(appender, Level.WARN, null);
        config.removeLogger(logger);
        config.addLogger(logger, capture);
        context.updateLoggers();
    }

    /** Captures WARN and above of {@code logger} and the loggers below it (a package name works). */
    static LogCapture of(String logger) {
        return new LogCapture(logger);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines that contain {@code text}. */
    List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.removeLogger(logger);
        if (previous != null) {
            config.addLogger(logger, previous);
        }
        context.updateLoggers();
        appender.stop();
    }
}
