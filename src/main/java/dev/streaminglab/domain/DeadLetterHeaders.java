package dev.streaminglab.domain;

/**
 * The dead-letter contract of {@link TopicNames#DEAD_LETTER} and {@link TopicNames#CONNECT_DLQ}, one reader for
 * both: the value is the refused record's original bytes and its key the original key, so a fixed record can be
 * replayed as it was; these headers (UTF-8 text) say why and where from. docs/topics.md lists them.
 */
public final class DeadLetterHeaders {
    /** A {@link DeadLetterReason} name. */
    public static final String REASON = "dlq.reason";
    /** A sentence for humans, e.g. the missing field or the out-of-range value. */
    public static final String DETAIL = "dlq.detail";
    /** What refused the record: a pipeline stage (validation, enrichment) or a Connect task. */
    public static final String STAGE = "dlq.stage";
    /** Where a refused Kafka record came from. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** Where a refused line of a file came from (the registry file source). */
    public static final String SOURCE_FILE = "dlq.source.file";
    public static final String SOURCE_LINE = "dlq.source.line";
    /** Set by Connect itself on sink dead letters (errors.deadletterqueue.context.headers.enable=true). */
    public static final String CONNECT_EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    public static final String CONNECT_EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    public static final String CONNECT_ORIGINAL_TOPIC = "__connect.errors.topic";

    private DeadLetterHeaders() {
    }
}
