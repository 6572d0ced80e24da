package dev.streaminglab;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Routes a logger's WARN-and-above lines (a package name covers the loggers below it) to one appender instead of
 * the console, until closed; closing restores the kit's configuration for that logger and stops the appender.
 */
public final class LoggerRoute implements AutoCloseable {
    private final String logger;
    private final Appender appender;
    private final LoggerContext context;
    private final LoggerConfig previous;

    private LoggerRoute(String logger, Appender appender) {
        this.logger = logger;
        this.appender = appender;
        this.context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        this.previous = config.getLoggers().get(logger);
        appender.start();
        LoggerConfig routed = new LoggerConfig(logger, Level.WARN, false);
        routed.addAppender(appender, Level.WARN, null);
        config.removeLogger(logger);
        config.addLogger(logger, routed);
        context.updateLoggers();
    }

    public static LoggerRoute to(String logger, Appender appender) {
        return new LoggerRoute(logger, appender);
    }

    /** The configuration the appender belongs to (a layout needs it). */
    public static Configuration configuration() {
        return ((LoggerContext) LogManager.getContext(false)).getConfiguration();
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
