package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Trials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How soon a fresh local cluster takes its first write, as {@code ./lab cluster start} and a first producer see it:
 * from the call that formats and launches the nodes to the first acknowledged record (acks=all) on a topic created
 * on it, with one node and with three, taking turns. Each launch starts from wiped data on free ports.
 */
final class ClusterReadySuite {
    static final String GROUP = "cluster";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** One launch: until the nodes were registered, and until the first acknowledged write. */
    record Launch(double startedSeconds, double firstWriteSeconds) {
    }

    private ClusterReadySuite() {
    }

    static SuiteResult run(BenchContext ctx) {
        if (!ctx.ownCluster) {
            return new SuiteResult(List.of(), Map.of(), List.of("The cluster-ready suite starts local clusters: "
                    + "skipped with --bootstrap."));
        }
        Trials.Outcome<Launch> o = ctx.trials(ctx.profile.readyRepetitions(), false)
                .run(arm(ctx, 1), arm(ctx, 3));
        List<Row> rows = new ArrayList<>();
        for (int nodes : List.of(1, 3)) {
            String a = name(nodes);
            rows.add(Row.of(GROUP, "launch to first acknowledged write", a).param("nodes", nodes)
                    .figure("ready_seconds", o.spread(a, Launch::firstWriteSeconds))
                    .figure("nodes_registered_seconds", o.spread(a, Launch::startedSeconds))
                    .load(o.load(a), o.discarded()));
        }
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("cluster ready", "LocalCluster.start (format, launch, all brokers registered), then a 1-partition "
                + "topic and one record with acks=all; " + ctx.profile.readyRepetitions() + " launches of each shape");
        return new SuiteResult(rows, workload, List.of());
    }

    static String name(int nodes) {
        return nodes + (nodes == 1 ? " node" : " nodes");
    }

    private static Trials.Arm<Launch> arm(BenchContext ctx, int nodes) {
        return new Trials.Arm<>(name(nodes), () -> launch(ctx.workDir.resolve("ready").resolve(name(nodes)), nodes));
    }

    private static Launch launch(Path dir, int nodes) {
        LocalCluster cluster = new LocalCluster(nodes, LocalCluster.freePortBlock(nodes), dir);
        cluster.stop(true);
        long t0 = System.nanoTime();
        try {
            ClusterState state = cluster.start(START_TIMEOUT);
            double started = (System.nanoTime() - t0) / 1e9;
            KafkaConnection kafka = KafkaConnection.of(state.bootstrap());
            String topic = "first-write";
            try (Admin admin = kafka.admin()) {
                Topics.create(admin, TopicSpec.of(topic, 1));
            }
            Properties p = kafka.producerProperties();
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "hello")).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            return new Launch(started, (System.nanoTime() - t0) / 1e9);
        } catch (ExecutionException | TimeoutException e) {
            throw new LabException("the first write to a fresh " + nodes + "-node cluster failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted during a cluster launch", e);
        } finally {
            cluster.stop(true);
        }
    }
}
