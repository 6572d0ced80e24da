package dev.streaminglab.faults;

import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.connect.ConnectStack;
import dev.streaminglab.connect.ConnectWorker;
import dev.streaminglab.connect.LocalConnect;
import dev.streaminglab.connect.LocalPostgres;
import dev.streaminglab.connect.ConnectorFiles;
import dev.streaminglab.ingest.Generator;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.GeneratorSummary;
import dev.streaminglab.ingest.ProducerTuning;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.Row;
import dev.streaminglab.monitor.LocalPrometheus;
import dev.streaminglab.monitor.LocalPrometheus.Job;
import dev.streaminglab.monitor.PrometheusApi;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.pipeline.PipelineProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak profile: the whole kit (one KRaft node, a Connect worker with PostgreSQL, the pipeline in its own JVM,
 * the generator at the demo's rate) for a long time, every process scraped by Prometheus. Reports, per process,
 * heap after GC and resident memory at the start, at the end and at their highest, with the least-squares trend
 * in MB per hour over the second half of the run (the first half holds the warm-up: caches and stores filling).
 * A leak shows as a trend that does not flatten.
 */
public final class Soak {
    public static final String NAME = "soak";
    private static final long STEP_S = 15;

    private Soak() {
    }

    public static Row run(Path work, int port, int prometheusPort, Duration duration) throws Exception {
        LocalCluster cluster = new LocalCluster(1, port, work.resolve("cluster"));
        cluster.stop(true);
        LocalPrometheus prometheus = new LocalPrometheus(prometheusPort, work.resolve("prometheus"));
        prometheus.stop(true);
        ConnectStack connect = null;
        try {
            ClusterState state = cluster.start(Duration.ofMinutes(2));
            KafkaConnection kafka = KafkaConnection.of(state.bootstrap());
            prometheus.start();
            prometheus.targets(Job.KAFKA, state.nodes().stream().map(ClusterState.NodeState::metricsTarget).toList());
            connect = new ConnectStack(new LocalConnect(work.resolve("connect"), port + 400, kafka),
                    new LocalPostgres(port + 450, work.resolve("postgres")), ConnectorFiles.registryFile());
            connect.stop(true);
            connect.start(ConnectWorker.Mode.STANDALONE, 1, LocalConnect.DEFAULT_START_TIMEOUT);
            prometheus.targets(Job.CONNECT, List.of("127.0.0.1:" + connect.connect().worker(1).metricsPort()));
            PipelineOptions options = PipelineOptions.defaults().withApplicationId("soak")
                    .withInstance("1", work.resolve("state"), 0);
            long start;
            GeneratorSummary summary;
            try (PipelineProcess pipeline = PipelineProcess.start(kafka, options, port + 300, work.resolve("pipeline"))) {
                prometheus.targets(Job.STREAMS, List.of("127.0.0.1:" + pipeline.metricsPort()));
                pipeline.awaitRunning(Duration.ofMinutes(2));
                start = System.currentTimeMillis() / 1000;
                summary = new Generator(kafka, ProducerTuning.defaults(), false).synthetic(GeneratorSettings.defaults()
                        .withRate(GeneratorSettings.LAB_DEVICES).withDuration(duration));
            }
            long end = System.currentTimeMillis() / 1000;
            PrometheusApi api = prometheus.api();
            Row row = Row.of("faults", NAME, "whole kit").param("minutes", duration.toMinutes())
                    .param("readingsPerSecond", GeneratorSettings.LAB_DEVICES).fact("generator", summary.text());
            Map<String, Object> heap = trends(api, "jvm_memory_used_bytes{area=\"heap\"}", start, end);
            Map<String, Object> rss = trends(api, "process_resident_memory_bytes", start, end);
            return row.fact("heapMb", heap).fact("rssMb", rss);
        } finally {
            if (connect != null) {
                connect.stop(true);
            }
            prometheus.stop(false);
            cluster.stop(true);
        }
    }

    /** Per job: first, last and highest value in MB, and the trend (MB/hour) over the second half. */
    static Map<String, Object> trends(PrometheusApi api, String metric, long start, long end) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PrometheusApi.Series s : api.range("sum by (job) (" + metric + ")", start, end, STEP_S)) {
            List<double[]> p = s.points();
            if (p.isEmpty()) {
                continue;
            }
            double max = p.stream().mapToDouble(v -> v[1]).max().orElse(0);
            out.put(s.labels().getOrDefault("job", "?"), Map.of("startMb", mb(p.get(0)[1]),
                    "endMb", mb(p.get(p.size() - 1)[1]), "maxMb", mb(max),
                    "secondHalfTrendMbPerHour", round(slope(p.subList(p.size() / 2, p.size())) * 3600 / 1e6)));
        }
        return out;
    }

    /** Least-squares slope of value over time (units per second). */
    static double slope(List<double[]> p) {
        int n = p.size();
        if (n < 2) {
            return 0;
        }
        double mx = p.stream().mapToDouble(v -> v[0]).average().orElse(0);
        double my = p.stream().mapToDouble(v -> v[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] v : p) {
            num += (v[0] - mx) * (v[1] - my);
            den += (v[0] - mx) * (v[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    private static double mb(double bytes) {
        return round(bytes / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
