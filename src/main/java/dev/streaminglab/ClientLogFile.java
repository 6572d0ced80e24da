package dev.streaminglab;

import java.nio.file.Path;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Sends a logger's lines (a package name works) to a file instead of the console, until closed. The demo uses it
 * for the Kafka clients in its own JVM: their warnings (a producer retrying {@code OUT_OF_ORDER_SEQUENCE_NUMBER}
 * while a transaction coordinator moves, a consumer rejoining) are normal recovery a trainee cannot interpret, and
 * they buried the kit's own progress lines. The file keeps them for whoever needs them.
 */
public final class ClientLogFile implements AutoCloseable {
    /** Every Kafka client: producer, consumer, admin, Streams. */
    public static final String KAFKA = "org.apache.kafka";

    private final Path file;
    private final LoggerRoute route;

    private ClientLogFile(String logger, Path file) {
        this.file = file;
        Configuration config = LoggerRoute.configuration();
        this.route = LoggerRoute.to(logger, FileAppender.newBuilder().setName("file-" + logger)
                .withFileName(file.toString())
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%d{ISO8601} %p [%t] %c: %m%n").build())
                .setConfiguration(config).build());
    }

    /** WARN and above of {@code logger} and the loggers below it go to {@code file} (appended), not the console. */
    public static ClientLogFile redirect(String logger, Path file) {
        return new ClientLogFile(logger, file);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        route.close();
    }
}
