package dev.streaminglab.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.connect.ConnectWorker;
import dev.streaminglab.connect.ConnectorFiles;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.monitor.LocalPrometheus.Job;
import dev.streaminglab.serve.Dashboard;
import dev.streaminglab.serve.OperationsProbe;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The alert rules against real faults, read back from Prometheus's API: a stopped broker of three (KafkaBrokerDown,
 * KafkaUnderReplicatedPartitions, both clearing after its restart), a consumer group 10,500 records behind, a
 * broker's log directory filled past 80 % (a 96 MiB tmpfs with ballast), a certificate that expires in 10 days (a
 * self-made one, served over TLS on 127.0.0.1) and a Connect task that fails on a record it cannot convert. Every
 * process is real: three KRaft JVMs with the JMX exporter, Debian's Prometheus, the dashboard's /metrics, a Connect
 * worker. About 6 minutes, so -Plong.
 */
@Tag("long")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT {
    private static final Path WORK = ProcessRun.HOME.resolve("target/alerts-it").toAbsolutePath();
    private static final Duration FIRE = Duration.ofMinutes(2);
    private static final int TMPFS_MIB = 96;
    private static final int LAGGING = 10_500;
    private static LocalCluster cluster;
    private static Path smallDisk;
    private static KafkaConnection kafka;
    private static LocalPrometheus prometheus;
    private static PrometheusApi api;
    private static Dashboard dashboard;
    private static ShortLivedTlsServer tls;

    @BeforeAll
    static void start() throws Exception {
        cluster = new LocalCluster(3, SharedCluster.freePortBlock(3), WORK.resolve("cluster"));
        cluster.stop(true);
        // Node 2 keeps its log directory on a small file system of its own, so that it can be filled.
        smallDisk = cluster.dir().resolve("node-2").resolve("data");
        Files.createDirectories(smallDisk);
        run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_MIB + "m", "tmpfs", smallDisk.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(AlertsIT::cleanUp));
        ClusterState state = cluster.start(Duration.ofMinutes(2));
        kafka = KafkaConnection.of(state.bootstrap());
        tls = ShortLivedTlsServer.start(10, WORK);
        prometheus = new LocalPrometheus(freePort(), WORK.resolve("prometheus"));
        prometheus.stop(true);
        prometheus.start();
        api = prometheus.api();
        dashboard = Dashboard.start(kafka, "127.0.0.1", 0, "telemetry-pipeline",
                new OperationsProbe.Settings(prometheus.url(), List.of(tls.endpoint())));
        prometheus.targets(Job.KAFKA, state.nodes().stream().map(ClusterState.NodeState::metricsTarget).toList());
        prometheus.targets(Job.DASHBOARD, List.of(dashboard.metricsTarget()));
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of("alerts-it", 3));
        }
        Await.until(FIRE, () -> "Prometheus to scrape 3 brokers and the dashboard: " + api.targets(),
                () -> api.targets().stream().filter(t -> t.health().equals("up")).count() == 4);
    }

    @AfterAll
    static void stop() {
        cleanUp();
    }

    private static synchronized void cleanUp() {
        if (dashboard != null) {
            dashboard.close();
            dashboard = null;
        }
        if (tls != null) {
            tls.close();
        }
        if (prometheus != null) {
            prometheus.stop(false);
        }
        if (cluster != null) {
            cluster.stop(false);
            run("umount", smallDisk.toString());
            cluster.stop(true);
            cluster = null;
        }
    }

    @Test
    @Order(1)
    void aHealthyClusterFiresNothingButTheShortLivedCertificate() {
        Await.until(FIRE, () -> "TlsCertificateExpiresSoon for " + tls.endpoint() + ": " + api.alerts(),
                () -> api.alerts().stream().anyMatch(a -> a.name().equals("TlsCertificateExpiresSoon") && a.firing()
                        && a.labels().get("endpoint").equals(tls.endpoint())));
        // Firing only: a rule whose condition held for a scrape during start-up (the controller count before every
        // exporter answered) may still be pending, which is what 'for' is there to absorb.
        assertThat(api.alerts().stream().filter(PrometheusApi.Alert::firing).map(PrometheusApi.Alert::name))
                .containsOnly("TlsCertificateExpiresSoon");
        double days = (api.value("streaminglab_tls_certificate_not_after_timestamp_seconds") - System.currentTimeMillis()
                / 1000.0) / 86_400;
        assertThat(days).isBetween(9.9, 10.0);
    }

    @Test
    @Order(2)
    void aStoppedBrokerFiresUnderReplicatedPartitionsUntilItIsBack() throws Exception {
        long t0 = System.nanoTime();
        cluster.stopNode(3);
        double urp;
        long urpByAdmin;
        long firedMs;
        try {
            Await.until(FIRE, () -> "KafkaBrokerDown and KafkaUnderReplicatedPartitions: " + api.alerts(),
                    () -> api.firing("KafkaBrokerDown") && api.firing("KafkaUnderReplicatedPartitions"));
            firedMs = (System.nanoTime() - t0) / 1_000_000;
            urp = api.value("sum(kafka_server_replicamanager_underreplicatedpartitions)");
            try (Admin admin = kafka.admin()) {
                urpByAdmin = ClusterHealth.read(admin).partitions().underReplicated();
            }
            assertThat(api.alerts().stream().filter(a -> a.name().equals("KafkaBrokerDown")).findFirst().orElseThrow()
                    .labels().get("instance")).isEqualTo(cluster.state().orElseThrow().nodes().get(2).metricsTarget());
        } finally {
            // Back whatever happened above: the later tests need three nodes.
            cluster.restartNode(3, Duration.ofMinutes(2));
        }
        assertThat(urp).as("under-replicated partitions, JMX vs Admin").isEqualTo((double) urpByAdmin).isPositive();
        long t1 = System.nanoTime();
        Await.until(Duration.ofMinutes(4), () -> "both alerts to clear: " + api.alerts(), () -> api.alerts().stream()
                .noneMatch(a -> a.name().equals("KafkaBrokerDown") || a.name().equals("KafkaUnderReplicatedPartitions")));
        long clearedMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("broker 3 stopped: alerts firing after %d ms with %.0f under-replicated partitions "
                + "(Admin: %d); restarted: cleared after %d ms%n", firedMs, urp, urpByAdmin, clearedMs);
    }

    @Test
    @Order(3)
    void aGroupTooFarBehindFiresLagUntilItCatchesUp() throws Exception {
        String group = "alerts-it-lagging";
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            zero.put(new TopicPartition("alerts-it", p), new OffsetAndMetadata(0));
        }
        try (Admin admin = kafka.admin();
                var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
            KafkaFutures.await(admin.alterConsumerGroupOffsets(group, zero).all(), "committing offsets 0");
            for (int i = 0; i < LAGGING; i++) {
                producer.send(new ProducerRecord<>("alerts-it", "k" + i, "v" + i));
            }
            producer.flush();
            Await.until(FIRE, () -> "ConsumerGroupLagHigh for " + group + ": " + api.alerts(), () -> api.alerts().stream()
                    .anyMatch(a -> a.name().equals("ConsumerGroupLagHigh") && a.firing() && group.equals(a.labels().get("group"))));
            assertThat(api.value("sum(streaminglab_consumer_group_lag_records{group=\"" + group + "\"})"))
                    .isEqualTo(LAGGING);

            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            zero.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> caughtUp = new HashMap<>();
            KafkaFutures.await(admin.listOffsets(latest).all(), "end offsets")
                    .forEach((tp, info) -> caughtUp.put(tp, new OffsetAndMetadata(info.offset())));
            KafkaFutures.await(admin.alterConsumerGroupOffsets(group, caughtUp).all(), "committing the end");
        }
        Await.until(FIRE, () -> "ConsumerGroupLagHigh to clear: " + api.alerts(),
                () -> api.alerts().stream().noneMatch(a -> a.name().equals("ConsumerGroupLagHigh")));
    }

    @Test
    @Order(4)
    void aLogDirectoryAbove80PercentFiresUntilSpaceIsFreed() throws Exception {
        var store = Files.getFileStore(smallDisk);
        long ballastBytes = (long) (store.getTotalSpace() * 0.85) - (store.getTotalSpace() - store.getUsableSpace());
        Path ballast = smallDisk.resolve("ballast.bin");
        try (RandomAccessFile f = new RandomAccessFile(ballast.toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < ballastBytes; written += block.length) {
                f.write(block, 0, (int) Math.min(block.length, ballastBytes - written));
            }
        }
        Await.until(FIRE, () -> "KafkaLogDirAlmostFull for broker 2: " + api.alerts(), () -> api.alerts().stream()
                .anyMatch(a -> a.name().equals("KafkaLogDirAlmostFull") && a.firing() && "2".equals(a.labels().get("broker"))));
        double used = api.value("streaminglab_log_dir_used_ratio{broker=\"2\"}");
        assertThat(used).isBetween(0.8, 0.9);
        assertThat(api.value("max(streaminglab_log_dir_used_ratio{broker!=\"2\"})")).isLessThan(0.8);
        Files.delete(ballast);
        Await.until(FIRE, () -> "KafkaLogDirAlmostFull to clear: " + api.alerts(),
                () -> api.alerts().stream().noneMatch(a -> a.name().equals("KafkaLogDirAlmostFull")));
    }

    @Test
    @Order(5)
    void aFailedConnectTaskFires() throws Exception {
        int rest = freePort();
        Path plugins = Files.createDirectories(WORK.resolve("no-plugins"));
        ConnectWorker worker = new ConnectWorker(1, ConnectWorker.Mode.STANDALONE, rest, WORK.resolve("connect"), kafka,
                plugins);
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of("alerts-it-poison", 1));
        }
        try {
            worker.start(Duration.ofMinutes(3));
            prometheus.targets(Job.CONNECT, List.of("127.0.0.1:" + worker.metricsPort()));
            // Schemas expected, plain text given, no tolerance: the task's first record kills it.
            worker.rest().deploy(new ConnectorFiles.Connector("alerts-it-file-sink", Map.of(
                    "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max", "1",
                    "topics", "alerts-it-poison", "file", WORK.resolve("sink.txt").toString(),
                    "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                    "value.converter.schemas.enable", "true", "errors.tolerance", "none")));
            try (var p = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("alerts-it-poison", "k", "not json")).get();
            }
            Await.until(FIRE, () -> "ConnectTaskFailed: " + api.alerts(), () -> api.alerts().stream().anyMatch(a ->
                    a.name().equals("ConnectTaskFailed") && a.firing() && "alerts-it-file-sink".equals(a.labels().get("connector"))));
            assertThat(worker.rest().status("alerts-it-file-sink").tasks()).extracting(t -> t.state()).containsExactly("FAILED");
        } finally {
            worker.stop();
        }
    }

    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(41000, 49000);
            if (SharedCluster.isFree(p) && SharedCluster.isFree(p + 100)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }

    private static void run(String... cmd) {
        ProcessRun r = ProcessRun.run(Duration.ofSeconds(30), Map.of(), List.of(cmd));
        if (r.exitCode() != 0 && !cmd[0].equals("umount")) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + r.stderr());
        }
    }
}
