package dev.streaminglab.limits;

import dev.streaminglab.LoggerRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps the lines Kafka Streams logs under a logger name at WARN and above while an experiment runs, so a finding
 * can show the log line an operator would see (a late record skipped, a setting ignored). The kit's log4j2
 * configuration keeps some of these loggers at ERROR; the capture reads them anyway and hides them from the
 * console, and closing it restores the configuration.
 */
final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerRoute route;

    private LogCapture(String logger) {
        this.route = LoggerRoute.to(logger, new AbstractAppender("limits-capture-" + logger, null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        });
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
        route.close();
    }
}
