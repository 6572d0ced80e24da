package dev.streaminglab.bench;

import dev.streaminglab.kafka.KafkaConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        List<BenchStep> steps = new ArrayList<>(List.of(new BenchStep(NAME, "broker warm-up", () -> warmUp(ctx))));
        ProducerPoint.sweep(ctx.profile).stream()
                .map(point -> new BenchStep(NAME, point.label(), () -> compare(ctx, ctx.clusters.single(), point, 1,
                        ctx.profile.recordsFor(point.recordSize()), NAME, point.label(), point.params())))
                .forEach(steps::add);
        return steps;
    }

    /**
     * One unrecorded baseline run on the fresh cluster: a broker just started is still compiling its hot paths,
     * and the first point measured (the baseline, the most quoted) would pay for it.
     */
    private static List<Measurement> warmUp(BenchContext ctx) {
        List<String> topics = new ArrayList<>();
        long records = ctx.profile.recordsFor(ProducerPoint.BASELINE.recordSize());
        UnderTest.producers().get(0).run(job(ctx, ctx.clusters.single(), ProducerPoint.BASELINE, 1, records, topics));
        BenchContext.deleteTopics(ctx.clusters.single(), topics);
        return List.of();
    }

    /**
     * Runs Kafka's tool and every producer under test on one configuration, taking turns, as many times as the
     * profile says; one row each, with the median run.
     */
    static List<Measurement> compare(BenchContext ctx, KafkaConnection connection, ProducerPoint point, int replication,
            long records, String suite, String name, Map<String, Object> params) {
        List<ProducerUnderTest> producers = UnderTest.producers().stream()
                .filter(p -> point.telemetry() || !p.telemetryOnly()).toList();
        List<RunStats> toolRuns = new ArrayList<>();
        Map<String, List<RunStats>> kitRuns = new LinkedHashMap<>();
        for (int i = 0; i < ctx.profile.repetitions(); i++) {
            List<String> topics = new ArrayList<>();
            toolRuns.add(ctx.tools.producerPerformance(job(ctx, connection, point, replication, records, topics)));
            for (ProducerUnderTest producer : producers) {
                kitRuns.computeIfAbsent(producer.name(), k -> new ArrayList<>())
                        .add(ctx.tools.kitProducer(producer.name(), job(ctx, connection, point, replication, records, topics)));
            }
            BenchContext.deleteTopics(connection, topics);
        }
        List<Measurement> rows = new ArrayList<>();
        rows.add(new Measurement(suite, name, KAFKA_TOOL).params(params).repeated(toolRuns));
        kitRuns.forEach((producer, runs) -> rows.add(new Measurement(suite, name, producer).params(params).repeated(runs)));
        return rows;
    }

    private static ProducerJob job(BenchContext ctx, KafkaConnection connection, ProducerPoint point, int replication,
            long records, List<String> topics) {
        try (Admin admin = connection.admin()) {
            String topic = BenchTopics.create(admin, "produce", point.partitions(), replication);
            topics.add(topic);
            return new ProducerJob(connection, topic, records, Profile.warmupFor(records), point.recordSize(),
                    point.producerConfigs(), point.telemetry() ? Optional.of(TelemetryPayloads.file(ctx.workDir))
                            : Optional.empty());
        }
    }
}
