package dev.streaminglab.faults;

import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.cluster.NodeNetwork;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
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

/**
 * A broker killed with SIGKILL during exactly-once processing: three KRaft nodes, the pipeline (validation,
 * enrichment, per-device aggregates; exactly_once_v2) in its own JVM, a known input. Half the readings go in, the
 * pipeline emits its first final aggregates, node {@value #VICTIM} is killed, the other half goes in while it is
 * down, and {@value #DOWN_S} s later it is restarted. The committed final aggregates must then be exactly those
 * recomputed from the input. Observed meanwhile (Prometheus): under-replicated partitions, the pipeline's failed
 * stream threads and its producers' errors.
 */
public final class BrokerCrash {
    public static final String NAME = "broker-kill-exactly-once";
    static final int VICTIM = 2;
    static final long DOWN_S = 20;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private BrokerCrash() {
    }

    public static Row run(Path work, int port, int prometheusPort) throws Exception {
        // The pipeline's local state belongs to a cluster about to be wiped.
        FileUtils.deleteQuietly(work.resolve("state").toFile());
        return Testbed.run(work, 3, port, NodeNetwork.LOOPBACK, prometheusPort,
                bed -> measure(work, bed.cluster(), bed.kafka(), bed.prometheus(), port + 300));
    }

    private static Row measure(Path work, LocalCluster cluster, KafkaConnection kafka, LocalPrometheus prometheus,
            int metricsPort) throws Exception {
        try (Admin admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        KnownReadings input = new KnownReadings("crash-");
        PipelineOptions options = PipelineOptions.defaults().withApplicationId("broker-crash")
                .withStages(EnumSet.of(Stage.VALIDATION, Stage.ENRICHMENT, Stage.AGGREGATES))
                .withGuarantee(Guarantee.EXACTLY_ONCE_V2)
                .withInstance("1", work.resolve("state"), 0);
        try (var producer = KnownReadings.producer(kafka)) {
            input.sendRegistry(producer);
            try (PipelineProcess pipeline = PipelineProcess.start(kafka, options, metricsPort, work.resolve("pipeline"))) {
                prometheus.targets(Job.STREAMS, List.of("127.0.0.1:" + metricsPort));
                pipeline.awaitRunning(WAIT);
                int half = input.readings.size() / 2;
                KnownReadings.send(producer, input.readings.subList(0, half));
                Await.until(WAIT, "the first final aggregates before the kill", () -> !KnownReadings.finals(kafka).isEmpty());
                int finalsAtKill = KnownReadings.finals(kafka).size();

                long killedAt = System.nanoTime();
                cluster.kill(VICTIM);
                KnownReadings.send(producer, input.readings.subList(half, input.readings.size()));
                Await.until(WAIT, DOWN_S + " s with the broker down",
                        () -> System.nanoTime() - killedAt >= Duration.ofSeconds(DOWN_S).toNanos());
                long restartAt = System.nanoTime();
                cluster.restartNode(VICTIM, WAIT);
                long restartMs = (System.nanoTime() - restartAt) / 1_000_000;
                KnownReadings.send(producer, input.flush());

                int expected = input.expected().size();
                Await.until(WAIT, () -> "all " + expected + " final aggregates",
                        () -> KnownReadings.finals(kafka).size() >= expected);
                long completeMs = (System.nanoTime() - killedAt) / 1_000_000;
                KnownReadings.Comparison c = input.compare(KnownReadings.finals(kafka));
                PrometheusApi api = prometheus.api();
                return Row.of("faults", NAME, "exactly_once_v2")
                        .param("nodes", 3).param("readings", input.readings.size()).param("devices", KnownReadings.DEVICES)
                        .param("downSeconds", DOWN_S)
                        .fact("victimNode", VICTIM).fact("finalsAtKill", finalsAtKill)
                        .fact("expectedFinals", c.expected()).fact("finals", c.finals()).fact("distinctFinals", c.distinct())
                        .fact("duplicates", c.duplicates()).fact("missing", c.missing()).fact("wrong", c.wrong())
                        .fact("exact", c.exact()).fact("pipelineAlive", pipeline.alive())
                        .fact("brokerRestartMs", restartMs).fact("killToAllFinalsMs", completeMs)
                        .fact("prometheusMaxUnderReplicated", api.value(
                                "max_over_time(sum(kafka_server_replicamanager_underreplicatedpartitions)[15m:5s])"))
                        .fact("prometheusFailedStreamThreads", api.value(
                                "max_over_time(sum(kafka_streams_failed_stream_threads)[15m:5s])"));
            }
        }
    }
}
