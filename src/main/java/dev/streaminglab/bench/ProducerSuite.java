package dev.streaminglab.bench;

import dev.streaminglab.cluster.KafkaConnection;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * The kit's producers against Kafka's ProducerPerformance, point by point of the sweep, each run on a fresh
 * topic with the same records, size and settings.
 */
final class ProducerSuite {
    static final String NAME = "producer";
    static final String KAFKA_TOOL = "kafka-ProducerPerformance";

    private ProducerSuite() {
    }

    static List<BenchStep> steps(BenchContext ctx) {
        return ProducerPoint.sweep(ctx.profile).stream()
                .map(point -> new BenchStep(NAME, point.label(), () -> compare(ctx, ctx.clusters.single(), point, 1,
                        ctx.profile.recordsFor(point.recordSize()), NAME, point.label(), point.params())))
                .toList();
    }

    /** Runs Kafka's tool and every producer under test on one configuration; one row each. */
    static List<Measurement> compare(BenchContext ctx, KafkaConnection connection, ProducerPoint point, int replication,
            long records, String suite, String name, java.util.Map<String, Object> params) {
        List<Measurement> rows = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        rows.add(new Measurement(suite, name, KAFKA_TOOL).params(params)
                .stats(ctx.tools.producerPerformance(job(connection, point, replication, records, topics))));
        for (ProducerUnderTest producer : UnderTest.producers()) {
            rows.add(new Measurement(suite, name, producer.name()).params(params)
                    .stats(producer.run(job(connection, point, replication, records, topics))));
        }
        BenchContext.deleteTopics(connection, topics);
        return rows;
    }

    private static ProducerJob job(KafkaConnection connection, ProducerPoint point, int replication, long records,
            List<String> topics) {
        try (Admin admin = connection.admin()) {
            String topic = BenchTopics.create(admin, "produce", point.partitions(), replication);
            topics.add(topic);
            return new ProducerJob(connection, topic, records, Profile.warmupFor(records), point.recordSize(),
                    point.producerConfigs());
        }
    }
}
