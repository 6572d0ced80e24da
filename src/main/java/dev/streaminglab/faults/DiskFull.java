package dev.streaminglab.faults;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.cluster.NodeNetwork;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.measure.Row;
import dev.streaminglab.monitor.LocalPrometheus;
import dev.streaminglab.monitor.LocalPrometheus.Job;
import dev.streaminglab.monitor.PrometheusApi;
import dev.streaminglab.serve.Dashboard;
import dev.streaminglab.serve.OperationsProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The disk of one broker filled: three KRaft nodes, node {@value #VICTIM}'s log directory on a
 * {@value #DISK_MIB} MiB tmpfs of its own; a producer writes 4 KiB records with acks=all until that file system is
 * full. Kafka takes a log directory that fails a write offline and, with no other directory, stops the broker; the
 * two others keep the partitions (replication 3, min ISR 2). Then the file system is enlarged and the broker
 * restarted. Measured: records acknowledged and lost (read back), whether the broker stopped itself, whether the
 * disk alert fired first (the dashboard's /metrics, scraped by the experiment's Prometheus), and how long the
 * restarted broker took to rejoin.
 */
public final class DiskFull {
    public static final String NAME = "disk-full";
    static final int VICTIM = 3;
    static final int DISK_MIB = 128;
    static final int RECORD_BYTES = 4096;
    /** 1.6 MB/s: the last 20 % of the disk take about 16 s, time for the disk alert to see them. */
    static final double PER_SECOND = 400;
    /** 1.2 times what the small disk holds: it fills, and the others carry on after it. */
    static final int RECORDS = (int) (1.2 * DISK_MIB * 1024 * 1024 / RECORD_BYTES);
    static final String TOPIC = "disk-full-experiment";
    private static final Duration WAIT = Duration.ofMinutes(4);

    private DiskFull() {
    }

    public static Row run(Path work, int port, int prometheusPort) throws Exception {
        Path[] disk = new Path[1];
        try {
            return Testbed.run(work, 3, port, NodeNetwork.LOOPBACK, prometheusPort, cluster -> disk[0] = mount(cluster),
                    bed -> measure(bed.cluster(), bed.kafka(), bed.prometheus(), disk[0]));
        } finally {
            if (disk[0] != null) {
                run("umount", disk[0].toString());
            }
        }
    }

    private static Path mount(LocalCluster cluster) {
        Path data = cluster.dir().resolve("node-" + VICTIM).resolve("data");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new LabException("cannot create " + data + ": " + e.getMessage(), e);
        }
        run("mount", "-t", "tmpfs", "-o", "size=" + DISK_MIB + "m", "tmpfs", data.toString());
        return data;
    }

    private static Row measure(LocalCluster cluster, KafkaConnection kafka, LocalPrometheus prometheus, Path disk)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, TopicSpec.of(TOPIC, 3));
        }
        try (Dashboard dashboard = Dashboard.start(kafka, "127.0.0.1", 0, "none",
                new OperationsProbe.Settings(prometheus.url(), List.of()))) {
            prometheus.targets(Job.DASHBOARD, List.of(dashboard.metricsTarget()));
            return fill(cluster, kafka, prometheus, disk);
        }
    }

    private static Row fill(LocalCluster cluster, KafkaConnection kafka, LocalPrometheus prometheus, Path disk)
            throws Exception {
        PacedProducer producer = new PacedProducer(kafka, TOPIC, RECORDS, PER_SECOND, RECORD_BYTES);
        long t0 = System.nanoTime();
        Thread writing = new Thread(producer, "disk-full-producer");
        writing.start();
        Await.until(WAIT, "node " + VICTIM + " to stop on its full disk, or the producer to finish",
                () -> !cluster.state().orElseThrow().nodes().get(VICTIM - 1).alive() || !writing.isAlive());
        boolean stopped = !cluster.state().orElseThrow().nodes().get(VICTIM - 1).alive();
        long stoppedAfterMs = (System.nanoTime() - t0) / 1_000_000;
        writing.join(WAIT.toMillis());
        String logTail = cluster.tail(VICTIM);

        PrometheusApi api = prometheus.api();
        double diskAlert = api.value("max_over_time(ALERTS{alertname=\"KafkaLogDirAlmostFull\",alertstate=\"firing\"}[10m])");
        double offlineDirs = api.value("max_over_time(max(kafka_log_offline_log_directory_count)[10m:5s])");
        run("mount", "-o", "remount,size=" + 4 * DISK_MIB + "m", disk.toString());
        long restart = System.nanoTime();
        cluster.restartNode(VICTIM, WAIT);
        long rejoinedMs;
        try (Admin admin = kafka.admin()) {
            Await.until(WAIT, "node " + VICTIM + " back in every ISR of " + TOPIC, () -> Topics.require(admin, TOPIC)
                    .partitions().stream().allMatch(p -> p.isr().size() == 3));
            rejoinedMs = (System.nanoTime() - restart) / 1_000_000;
        }
        ReadBack back = ReadBack.of(kafka, TOPIC, producer.acked(), WAIT);
        return Row.of("faults", NAME, "acks=all, min.insync.replicas=2")
                .param("diskMiB", DISK_MIB).param("recordBytes", RECORD_BYTES).param("records", RECORDS)
                .fact("victimNode", VICTIM).fact("brokerStoppedItself", stopped).fact("stoppedAfterMs", stoppedAfterMs)
                .fact("victimLogLastLine", List.of(logTail.split("\n")).get(logTail.split("\n").length - 1))
                .fact("sent", producer.records()).fact("acknowledged", producer.acked().cardinality())
                .fact("failed", producer.failed().cardinality()).fact("producerErrors", producer.errors())
                .fact("maxAckMs", producer.maxAckMillis())
                .fact("readBack", back.records()).fact("lostAcknowledged", back.lostAcknowledged())
                .fact("duplicates", back.duplicates())
                .fact("diskAlertFired", diskAlert == 1.0).fact("prometheusMaxOfflineLogDirs", offlineDirs)
                .fact("restartedAndRejoinedMs", rejoinedMs);
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new LabException(String.join(" ", cmd) + " failed (root needed): " + out);
            }
        } catch (IOException e) {
            throw new LabException("cannot run " + cmd[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + cmd[0], e);
        }
    }
}
