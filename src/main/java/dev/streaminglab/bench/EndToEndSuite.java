package dev.streaminglab.bench;

import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Produce-to-consume latency at fixed fractions of the maximum throughput measured first on the same
 * configuration (baseline settings, one partition so that order and timing are simple), and Kafka's
 * EndToEndLatency, which sends one record at a time and so shows latency without load.
 */
final class EndToEndSuite {
    static final String NAME = "e2e";
    static final String KAFKA_TOOL = "kafka-EndToEndLatency";
    static final String KIT = "kit-loaded-latency";
    private static final int PARTITIONS = 1;

    private double maxRecordsPerSec;

    private EndToEndSuite() {
    }

    static List<BenchStep> steps(BenchContext ctx) {
        EndToEndSuite suite = new EndToEndSuite();
        ProducerPoint point = new ProducerPoint("load", Profile.BASE_RECORD_SIZE, Profile.BASE_ACKS,
                Profile.BASE_LINGER_BATCH, Profile.BASE_COMPRESSION, PARTITIONS);
        List<BenchStep> steps = new ArrayList<>();
        steps.add(new BenchStep(NAME, "maximum throughput", () -> List.of(suite.measureMax(ctx, point))));
        for (double fraction : ctx.profile.loadFractions()) {
            steps.add(new BenchStep(NAME, Math.round(fraction * 100) + "% load",
                    () -> List.of(suite.atLoad(ctx, point, fraction))));
        }
        steps.add(new BenchStep(NAME, "EndToEndLatency", () -> List.of(unloaded(ctx, point))));
        return steps;
    }

    private Measurement measureMax(BenchContext ctx, ProducerPoint point) {
        KafkaConnection connection = ctx.clusters.single();
        String topic = topic(connection);
        long records = ctx.profile.recordsFor(point.recordSize());
        ProducerUnderTest producer = UnderTest.producers().get(0);
        RunStats max = producer.run(new ProducerJob(connection, topic, records, Profile.warmupFor(records),
                point.recordSize(), point.producerConfigs()));
        BenchContext.deleteTopics(connection, List.of(topic));
        maxRecordsPerSec = max.recordsPerSec();
        return new Measurement(NAME, "maximum throughput", producer.name()).params(point.params())
                .param("load_fraction", 1.0).stats(max);
    }

    private Measurement atLoad(BenchContext ctx, ProducerPoint point, double fraction) {
        KafkaConnection connection = ctx.clusters.single();
        String topic = topic(connection);
        double rate = fraction * maxRecordsPerSec;
        RunStats stats = LoadedLatency.run(connection, topic, PARTITIONS, rate, Duration.ofSeconds(ctx.profile.e2eSeconds()),
                point.recordSize(), point.producerConfigs());
        BenchContext.deleteTopics(connection, List.of(topic));
        return new Measurement(NAME, Math.round(fraction * 100) + "% load", KIT).params(point.params())
                .params(Map.of("load_fraction", fraction, "target_rate", Math.round(rate))).stats(stats);
    }

    private static Measurement unloaded(BenchContext ctx, ProducerPoint point) {
        KafkaConnection connection = ctx.clusters.single();
        String topic = topic(connection);
        LatencySummary latency = ctx.tools.endToEndLatency(connection.bootstrap(), topic, ctx.profile.e2eToolRecords(),
                point.acks(), point.recordSize());
        BenchContext.deleteTopics(connection, List.of(topic));
        return new Measurement(NAME, "one record in flight", KAFKA_TOOL).params(point.params())
                .param("records", ctx.profile.e2eToolRecords()).latency(latency);
    }

    private static String topic(KafkaConnection connection) {
        try (Admin admin = connection.admin()) {
            return BenchTopics.create(admin, "e2e", PARTITIONS, 1);
        }
    }
}
