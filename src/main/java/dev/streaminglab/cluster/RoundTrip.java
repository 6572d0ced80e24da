package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import dev.streaminglab.chart.Charts;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The smoke flow: produce {@code count} records (key {@code sensor-N}, value {@code i}) to a topic and read
 * every one back. It proves a cluster works end to end and gives the first table and chart of the seminar.
 */
public final class RoundTrip {
    public static final int SENSORS = 10;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    /** One record as read back. */
    public record Received(String key, int partition, long offset, long value) {
    }

    /** What went out and what came back. */
    public record Result(String topic, int produced, List<Received> received, long produceMillis, long consumeMillis) {
        public long valueSum() {
            return received.stream().mapToLong(Received::value).sum();
        }

        public Map<Integer, Long> perPartition() {
            return received.stream().collect(Collectors.groupingBy(Received::partition, TreeMap::new,
                    Collectors.counting()));
        }

        /** The records as a Tablesaw table: key, partition, offset, value. */
        public Table table() {
            return Table.create("records read back from " + topic,
                    StringColumn.create("key", received.stream().map(Received::key)),
                    IntColumn.create("partition", received.stream().mapToInt(Received::partition).toArray()),
                    LongColumn.create("offset", received.stream().mapToLong(Received::offset).toArray()),
                    LongColumn.create("value", received.stream().mapToLong(Received::value).toArray()));
        }

        /** Records per partition: the key hash spreads ten sensors over the partitions. */
        public CategoryChart partitionChart() {
            Map<Integer, Long> counts = perPartition();
            return Charts.bars("Records per partition of " + topic, "partition", "records",
                    counts.keySet().stream().map(p -> "p" + p).toList(), new ArrayList<>(counts.values()));
        }

        public String summary() {
            return String.format("produced %d records in %d ms, read back %d in %d ms, value sum %d, per partition %s",
                    produced, produceMillis, received.size(), consumeMillis, valueSum(), perPartition());
        }
    }

    private RoundTrip() {
    }

    /** Produces {@code count} records and reads back exactly those (earlier runs' records are skipped). */
    public static Result run(KafkaConnection kafka, String topic, int count) {
        kafka.requireReachable();
        try (var admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of(topic, 3));
        }
        Map<TopicPartition, Long> start = TopicReader.endOffsets(kafka, topic);
        long t0 = System.nanoTime();
        produce(kafka, topic, count);
        long produced = System.nanoTime();
        List<Received> received = TopicReader.of(kafka, new StringDeserializer(), new LongDeserializer())
                .since(topic, start, READ_DEADLINE).stream()
                .map(r -> new Received(r.key(), r.partition(), r.offset(), r.value())).toList();
        long done = System.nanoTime();
        return new Result(topic, count, received, (produced - t0) / 1_000_000, (done - produced) / 1_000_000);
    }

    private static void produce(KafkaConnection kafka, String topic, int count) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                new LongSerializer())) {
            for (long i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "sensor-" + (i % SENSORS), i)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new LabException("producing to '" + topic + "' failed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while producing", e);
        }
    }
}
