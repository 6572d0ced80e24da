package dev.streaminglab.bench;

import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * The kit's consumer against Kafka's ConsumerPerformance: a topic is filled once (untimed), then each reads
 * all of it from the beginning.
 */
final class ConsumerSuite {
    static final String NAME = "consumer";
    static final String KAFKA_TOOL = "kafka-ConsumerPerformance";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private ConsumerSuite() {
    }

    static List<BenchStep> steps(BenchContext ctx) {
        return ctx.profile.consumerRecordSizes().stream()
                .map(size -> new BenchStep(NAME, size + "B", () -> compare(ctx, size)))
                .toList();
    }

    private static List<Measurement> compare(BenchContext ctx, int recordSize) {
        KafkaConnection connection = ctx.clusters.single();
        ProducerPoint point = new ProducerPoint("record_size", recordSize, Profile.BASE_ACKS, Profile.BASE_LINGER_BATCH,
                Profile.BASE_COMPRESSION, Profile.BASE_PARTITIONS);
        long records = Math.min(ctx.profile.consumerRecords(), ctx.profile.producerBytes() / recordSize);
        String topic;
        try (Admin admin = connection.admin()) {
            topic = BenchTopics.create(admin, "consume", point.partitions(), 1);
        }
        UnderTest.producers().get(0).run(new ProducerJob(connection, topic, records, 0, recordSize, point.producerConfigs()));
        String label = recordSize + "B p=" + point.partitions();
        List<Measurement> rows = List.of(
                new Measurement(NAME, label, KAFKA_TOOL).params(point.params())
                        .stats(ctx.tools.consumerPerformance(connection.bootstrap(), topic, records)),
                new Measurement(NAME, label, KitConsumer.NAME).params(point.params())
                        .stats(KitConsumer.consume(connection, topic, point.partitions(), records, READ_TIMEOUT)));
        BenchContext.deleteTopics(connection, List.of(topic));
        return rows;
    }
}
