package dev.streaminglab.faults;

import dev.streaminglab.cluster.NodeNetwork;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import dev.streaminglab.monitor.LocalPrometheus;
import dev.streaminglab.monitor.LocalPrometheus.Job;
import dev.streaminglab.monitor.PrometheusApi;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.pipeline.PipelineProcess;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A Streams instance killed while two run: the pipeline (validation, enrichment, per-device aggregates;
 * exactly_once_v2, one standby replica) in two JVMs of one application, a known input. Half of it goes in,
 * instance 2 is killed with SIGKILL, the other half follows. Measured: how long until the survivor is the group's
 * only member and owns every partition (the session timeout, then a rebalance), how many records it restored
 * from changelogs (little, thanks to its standby copies) and updated as a standby before, how long until every
 * final aggregate is out, and that they equal those recomputed from the input.
 */
public final class StreamsFailover {
    public static final String NAME = "streams-instance-kill";
    static final String APPLICATION = "streams-failover";
    /** A killed member is noticed after this (the broker's minimum is 6 s). */
    static final int SESSION_TIMEOUT_MS = 6_000;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private StreamsFailover() {
    }

    public static Row run(Path work, int port, int prometheusPort) throws Exception {
        FileUtils.deleteQuietly(work.resolve("state-1").toFile());
        FileUtils.deleteQuietly(work.resolve("state-2").toFile());
        return Testbed.run(work, 1, port, NodeNetwork.LOOPBACK, prometheusPort,
                bed -> measure(work, bed.kafka(), bed.prometheus(), port + 300));
    }

    private static Row measure(Path work, KafkaConnection kafka, LocalPrometheus prometheus, int metricsPort)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        KnownReadings input = new KnownReadings("failover-");
        PipelineOptions base = PipelineOptions.defaults().withApplicationId(APPLICATION)
                .withStages(EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.AGGREGATES))
                .withGuarantee(Guarantee.EXACTLY_ONCE_V2)
                .withOverride(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .withOverride("session.timeout.ms", SESSION_TIMEOUT_MS)
                // Restore and standby-update counts are recorded at DEBUG level only.
                .withOverride(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (var producer = KnownReadings.producer(kafka);
                PipelineProcess one = PipelineProcess.start(kafka, base.withInstance("1", work.resolve("state-1"), 0),
                        metricsPort, work.resolve("instance-1"));
                PipelineProcess two = PipelineProcess.start(kafka, base.withInstance("2", work.resolve("state-2"), 0),
                        metricsPort + 1, work.resolve("instance-2"))) {
            prometheus.targets(Job.STREAMS, List.of("127.0.0.1:" + metricsPort, "127.0.0.1:" + (metricsPort + 1)));
            input.sendRegistry(producer);
            one.awaitRunning(WAIT);
            two.awaitRunning(WAIT);
            try (Admin admin = kafka.admin()) {
                Await.until(WAIT, "both instances to hold partitions", () -> members(admin).stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2);
                int half = input.readings.size() / 2;
                KnownReadings.send(producer, input.readings.subList(0, half));
                Await.until(WAIT, "the first final aggregates", () -> !KnownReadings.finals(kafka).isEmpty());
                PrometheusApi api = prometheus.api();
                String survivor = "instance=\"127.0.0.1:" + metricsPort + "\"";
                // NaN when the survivor's exporter has no such series (the counts are DEBUG-level task metrics).
                double updatedBefore = api.value("sum(kafka_streams_task_update_total{" + survivor + "})");
                double restoredBefore = api.value("sum(kafka_streams_task_restore_total{" + survivor + "})");
                int partitionsBefore = members(admin).stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();

                long killed = System.nanoTime();
                two.kill();
                KnownReadings.send(producer, input.readings.subList(half, input.readings.size()));
                Await.until(WAIT, "the survivor to be the only member, with every partition", () -> {
                    List<MemberDescription> m = members(admin);
                    return m.size() == 1 && m.get(0).assignment().topicPartitions().size() == partitionsBefore;
                });
                long takeoverMs = (System.nanoTime() - killed) / 1_000_000;
                KnownReadings.send(producer, input.flush());
                int expected = input.expected().size();
                Await.until(WAIT, () -> "all " + expected + " final aggregates",
                        () -> KnownReadings.finals(kafka).size() >= expected);
                long allFinalsMs = (System.nanoTime() - killed) / 1_000_000;
                KnownReadings.Comparison c = input.compare(KnownReadings.finals(kafka));
                // A scrape after the last records: the survivor's restore counter is final by now.
                long scrapedAfter = System.currentTimeMillis() / 1000 + 6;
                Await.until(WAIT, "one more scrape", () -> System.currentTimeMillis() / 1000 > scrapedAfter);
                double restored = api.value("sum(kafka_streams_task_restore_total{" + survivor + "})") - restoredBefore;
                return Row.of("faults", NAME, "exactly_once_v2, 1 standby")
                        .param("instances", 2).param("readings", input.readings.size())
                        .param("sessionTimeoutMs", SESSION_TIMEOUT_MS)
                        .fact("partitionsAssigned", partitionsBefore)
                        .fact("standbyRecordsUpdatedBeforeKill", updatedBefore)
                        .fact("recordsRestoredAfterKill", restored)
                        .fact("takeoverMs", takeoverMs).fact("killToAllFinalsMs", allFinalsMs)
                        .fact("expectedFinals", c.expected()).fact("finals", c.finals())
                        .fact("duplicates", c.duplicates()).fact("missing", c.missing()).fact("wrong", c.wrong())
                        .fact("exact", c.exact()).fact("survivorAlive", one.alive());
            }
        }
    }

    private static List<MemberDescription> members(Admin admin) {
        ConsumerGroupDescription d = KafkaFutures.await(admin.describeConsumerGroups(List.of(APPLICATION))
                .describedGroups().get(APPLICATION), "describing " + APPLICATION);
        return List.copyOf(d.members());
    }
}
