package dev.streaminglab.connect;

/**
 * Header names of the kit's own dead letters, the same as the Streams pipeline's ({@code dlq.*}), so one
 * reader understands both. Connect's dead letters from sink connectors carry Connect's headers instead
 * ({@code __connect.errors.*}, see {@link ConnectorFiles}).
 */
public final class DeadLetterHeaders {
    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String STAGE = "dlq.stage";
    public static final String SOURCE_FILE = "dlq.source.file";
    public static final String SOURCE_LINE = "dlq.source.line";
    /** Set by Connect on sink dead letters (errors.deadletterqueue.context.headers.enable=true). */
    public static final String CONNECT_EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    public static final String CONNECT_EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    public static final String CONNECT_ORIGINAL_TOPIC = "__connect.errors.topic";

    private DeadLetterHeaders() {
    }
}
