package dev.streaminglab.process;

import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The dead-letter contract of {@link TopicNames#DEAD_LETTER}: the value is the refused record's original bytes
 * and its key the original key, so a fixed record can be replayed as it was; these headers say why and where
 * from (docs/topics.md lists them).
 */
public final class DeadLetters {
    /** A {@link DeadLetterReason} name. */
    public static final String REASON = "dlq.reason";
    /** A sentence for humans, e.g. the missing field or the out-of-range value. */
    public static final String DETAIL = "dlq.detail";
    /** The pipeline stage that refused the record: validation or enrichment. */
    public static final String STAGE = "dlq.stage";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    private DeadLetters() {
    }

    /** The record's own headers plus ours; a copy, because Streams shares the header object along the topology. */
    static Headers headers(Headers original, DeadLetterReason reason, String detail, String stage,
            Optional<RecordMetadata> source) {
        Headers h = new RecordHeaders(original.toArray());
        put(h, REASON, reason.name());
        put(h, DETAIL, detail);
        put(h, STAGE, stage);
        source.ifPresent(m -> {
            put(h, SOURCE_TOPIC, m.topic());
            put(h, SOURCE_PARTITION, Integer.toString(m.partition()));
            put(h, SOURCE_OFFSET, Long.toString(m.offset()));
        });
        return h;
    }

    /** The value of a header as text, or null when absent; for readers of the dead-letter topic. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
