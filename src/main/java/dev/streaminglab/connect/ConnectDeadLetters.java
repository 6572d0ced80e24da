package dev.streaminglab.connect;

import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.domain.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
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
        try (var c = new KafkaConsumer<>(kafka.consumerProperties(null), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(TopicNames.CONNECT_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            var end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    key.append(r.key());
                    String topic = header(r, DeadLetterHeaders.CONNECT_ORIGINAL_TOPIC);
                    from.append(topic != null ? topic : header(r, DeadLetterHeaders.STAGE));
                    String message = header(r, DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE);
                    error.append(message != null ? message : header(r, DeadLetterHeaders.DETAIL));
                    value.append(r.value());
                }
            }
        }
        return Table.create(TopicNames.CONNECT_DLQ, key, from, error, value);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
