package dev.streaminglab.kafka;

import dev.streaminglab.LabException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from its beginning, the one way the kit does: to its end as it is now, or until a number of
 * records arrived. {@link IsolationLevel#READ_COMMITTED} sees what a transactional pipeline committed (aborted
 * records never count, and the end is the last stable offset); {@link IsolationLevel#READ_UNCOMMITTED} sees
 * every record written.
 */
public final class TopicReader<K, V> {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConnection kafka;
    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final IsolationLevel isolation;

    private TopicReader(KafkaConnection kafka, Deserializer<K> keys, Deserializer<V> values, IsolationLevel isolation) {
        this.kafka = kafka;
        this.keys = keys;
        this.values = values;
        this.isolation = isolation;
    }

    /** Reads committed records with these deserializers. */
    public static <K, V> TopicReader<K, V> of(KafkaConnection kafka, Deserializer<K> keys, Deserializer<V> values) {
        return new TopicReader<>(kafka, keys, values, IsolationLevel.READ_COMMITTED);
    }

    /** Reads committed records as raw bytes. */
    public static TopicReader<byte[], byte[]> bytes(KafkaConnection kafka) {
        return of(kafka, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The same reader, also seeing records of open or aborted transactions. */
    public TopicReader<K, V> uncommitted() {
        return new TopicReader<>(kafka, keys, values, IsolationLevel.READ_UNCOMMITTED);
    }

    /** Every record of the topic up to its end offsets as they are when the call starts. */
    public List<ConsumerRecord<K, V>> toEnd(String topic, Duration timeout) {
        return since(topic, Map.of(), timeout);
    }

    /**
     * The records from {@code from} (offsets by partition, as {@link #endOffsets} gave them before a write; the
     * beginning for partitions not named) up to the end offsets as they are when the call starts.
     */
    public List<ConsumerRecord<K, V>> since(String topic, Map<TopicPartition, Long> from, Duration timeout) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = consumer()) {
            List<TopicPartition> parts = assignFromStart(consumer, topic);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new LabException("read only " + out.size() + " records of '" + topic + "' in "
                            + timeout.toSeconds() + " s, not to its end " + end + ": is a broker down?");
                }
                consumer.poll(POLL).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Records from the beginning until {@code expected} arrived or the timeout passed; returns what it got (tests
     * compare it exactly). {@code stillUseful} is asked between polls: false ends the wait early (for example
     * when the application that should write the records has stopped with an error).
     */
    public List<ConsumerRecord<K, V>> atLeast(String topic, int expected, Duration timeout,
            Predicate<List<ConsumerRecord<K, V>>> stillUseful) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = consumer()) {
            assignFromStart(consumer, topic);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() - deadline < 0 && stillUseful.test(out)) {
                consumer.poll(POLL).forEach(out::add);
            }
        }
        return out;
    }

    public List<ConsumerRecord<K, V>> atLeast(String topic, int expected, Duration timeout) {
        return atLeast(topic, expected, timeout, read -> true);
    }

    /** The topic's end offsets now, by partition: where records written from now on will start. */
    public static Map<TopicPartition, Long> endOffsets(KafkaConnection kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = bytes(kafka).uncommitted().consumer()) {
            return consumer.endOffsets(partitions(consumer, topic));
        }
    }

    /** The sum of the topic's end offsets: records written, counting transaction markers. */
    public static long endOffsetSum(KafkaConnection kafka, String topic) {
        return endOffsets(kafka, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private KafkaConsumer<K, V> consumer() {
        Properties p = kafka.consumerProperties(null);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        return new KafkaConsumer<>(p, keys, values);
    }

    private static List<TopicPartition> assignFromStart(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> parts = partitions(consumer, topic);
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        return parts;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new LabException("topic '" + topic + "' does not exist or has no partitions: check the name");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }
}
