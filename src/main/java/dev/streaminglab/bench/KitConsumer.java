package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The kit's plain consumer loop: reads a topic from the beginning with assigned partitions (no group join,
 * matching the fetch-only figures taken from ConsumerPerformance) and the same fetch and socket sizes as
 * that tool's defaults.
 */
final class KitConsumer {
    static final String NAME = "kit-consumer";
    private static final int FETCH_BYTES = 1_048_576;
    private static final int RECEIVE_BUFFER_BYTES = 2_097_152;

    private KitConsumer() {
    }

    static RunStats consume(KafkaConnection connection, String topic, int partitions, long records, Duration timeout) {
        Properties props = connection.consumerProperties(null);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, RECEIVE_BUFFER_BYTES);
        long count = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(BenchTopics.partitions(topic, partitions));
            consumer.seekToBeginning(consumer.assignment());
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            while (count < records) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("the kit consumer read " + count + " of " + records + " records from " + topic
                            + " within " + timeout.toSeconds() + " s: is the cluster overloaded?");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    count++;
                    bytes += r.serializedValueSize();
                }
            }
            return new RunStats(count, bytes, (System.nanoTime() - start) / 1e9, Optional.empty());
        }
    }
}
