package dev.streaminglab.process;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds the headers of a record the pipeline refuses, as {@link DeadLetterHeaders} defines them for
 * {@link TopicNames#DEAD_LETTER}.
 */
final class DeadLetters {
    private DeadLetters() {
    }

    /** The record's own headers plus ours; a copy, because Streams shares the header object along the topology. */
    static Headers headers(Headers original, DeadLetterReason reason, String detail, String stage,
            Optional<RecordMetadata> source) {
        Headers h = new RecordHeaders(original.toArray());
        HeaderText.put(h, DeadLetterHeaders.REASON, reason.name());
        HeaderText.put(h, DeadLetterHeaders.DETAIL, detail);
        HeaderText.put(h, DeadLetterHeaders.STAGE, stage);
        source.ifPresent(m -> {
            HeaderText.put(h, DeadLetterHeaders.SOURCE_TOPIC, m.topic());
            HeaderText.put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(m.partition()));
            HeaderText.put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(m.offset()));
        });
        return h;
    }
}
