package dev.streaminglab.connect;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.HeaderText;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What is in Connect's dead-letter topic, one row per record with the reason from its headers. */
public final class ConnectDeadLetters {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private ConnectDeadLetters() {
    }

    /** Every record of {@link TopicNames#CONNECT_DLQ} (sink errors and bad registry rows alike). */
    public static Table table(KafkaConnection kafka) {
        StringColumn key = StringColumn.create("key");
        StringColumn from = StringColumn.create("from");
        StringColumn error = StringColumn.create("error");
        StringColumn value = StringColumn.create("value");
        for (ConsumerRecord<String, String> r : TopicReader.of(kafka, new StringDeserializer(), new StringDeserializer())
                .uncommitted().toEnd(TopicNames.CONNECT_DLQ, READ_TIMEOUT)) {
            key.append(r.key());
            String topic = HeaderText.get(r.headers(), DeadLetterHeaders.CONNECT_ORIGINAL_TOPIC);
            from.append(topic != null ? topic : HeaderText.get(r.headers(), DeadLetterHeaders.STAGE));
            String message = HeaderText.get(r.headers(), DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE);
            error.append(message != null ? message : HeaderText.get(r.headers(), DeadLetterHeaders.DETAIL));
            value.append(r.value());
        }
        return Table.create(TopicNames.CONNECT_DLQ, key, from, error, value);
    }
}
