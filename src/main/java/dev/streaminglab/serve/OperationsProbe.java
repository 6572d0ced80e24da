package dev.streaminglab.serve;

import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.monitor.CertificateExpiry;
import dev.streaminglab.monitor.ClusterHealth;
import dev.streaminglab.monitor.MetricsText;
import dev.streaminglab.monitor.PrometheusApi;
import dev.streaminglab.process.Enrichment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The operations view's data, every {@value #PERIOD_SECONDS} s: brokers and controller, partition health, lag per
 * consumer group and per pipeline stage, throughput per stage, log directory usage, certificate expiry of the
 * watched TLS endpoints, the alerts Prometheus has active, and the Streams app's own end-to-end latency. The same
 * figures are served to Prometheus on {@code /metrics} (lag, disk and certificates are what the alert rules read).
 */
public final class OperationsProbe implements AutoCloseable {
    static final long PERIOD_SECONDS = 2;
    /** TLS certificates change rarely: one handshake per endpoint a minute is plenty. */
    static final Duration CERTIFICATE_EVERY = Duration.ofMinutes(1);

    /**
     * What the probe watches beyond the cluster.
     *
     * @param prometheusUrl where to read active alerts and the Streams metrics (null: no Prometheus)
     * @param tlsEndpoints {@code host:port} of TLS listeners whose certificates to watch
     */
    public record Settings(String prometheusUrl, List<String> tlsEndpoints) {
        public Settings {
            tlsEndpoints = List.copyOf(tlsEndpoints);
        }

        public static Settings none() {
            return new Settings(null, List.of());
        }
    }

    /** A stage of the pipeline: the topics it reads (its lag) and writes (its throughput). */
    public record Stage(String name, List<String> inputs, List<String> outputs) {
    }

    /** What the page draws for one stage. */
    public record StageFlow(String stage, List<String> inputs, long lag, List<String> outputs, double outPerSec) {
    }

    /** Prometheus's active alerts, or why they could not be read. */
    public record AlertsView(String source, List<PrometheusApi.Alert> active, String error) {
    }

    /**
     * One probe's result: {@code pipelineLag} is the pipeline group's lag over all its topics (stages share some
     * inputs, so it is not the sum of theirs); {@code streamsE2eMs} the Streams app's record-e2e-latency at the
     * enrichment's sink (avg, max) or null.
     */
    public record Operations(long time, boolean reachable, String message, List<ClusterHealth.Broker> brokers,
            int controller, ClusterHealth.Partitions partitions, List<ClusterHealth.GroupLag> groups,
            long pipelineLag, List<StageFlow> stages, List<ClusterHealth.LogDir> logDirs, List<CertificateExpiry.Probe> certificates,
            AlertsView alerts, double[] streamsE2eMs) {
    }

    /** The stages of {@code TelemetryPipeline}; the generator's input shows as "ingest". */
    static final List<Stage> STAGES = List.of(
            new Stage("ingest", List.of(), List.of(TopicNames.TELEMETRY_RAW)),
            new Stage("validation", List.of(TopicNames.TELEMETRY_RAW), List.of(TopicNames.TELEMETRY_VALID,
                    TopicNames.DEAD_LETTER)),
            new Stage("enrichment", List.of(TopicNames.TELEMETRY_VALID), List.of(TopicNames.TELEMETRY_ENRICHED)),
            new Stage("aggregates", List.of(TopicNames.TELEMETRY_ENRICHED), List.of(TopicNames.AGGREGATES_DEVICE_1M,
                    TopicNames.AGGREGATES_SITE_1M, TopicNames.AGGREGATES_SITE_5M, TopicNames.LATE)),
            new Stage("alerts", List.of(TopicNames.TELEMETRY_ENRICHED), List.of(TopicNames.ALERTS)));

    private final KafkaConnection kafka;
    private final String pipelineGroup;
    private final Settings settings;
    private final LiveFeed feed;
    private final PrometheusApi prometheus;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-operations");
        t.setDaemon(true);
        return t;
    });
    private Admin admin;
    private ClusterHealth previous;
    private List<CertificateExpiry.Probe> certificates = List.of();
    private long certificatesAt;
    private volatile Operations latest;

    public OperationsProbe(KafkaConnection kafka, String pipelineGroup, Settings settings, LiveFeed feed) {
        this.kafka = kafka;
        this.pipelineGroup = pipelineGroup;
        this.settings = settings;
        this.feed = feed;
        this.prometheus = settings.prometheusUrl() == null ? null : new PrometheusApi(settings.prometheusUrl());
    }

    public OperationsProbe start() {
        timer.scheduleAtFixedRate(this::probe, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    public Operations latest() {
        return latest;
    }

    private void probe() {
        long now = System.currentTimeMillis();
        if (now - certificatesAt >= CERTIFICATE_EVERY.toMillis()) {
            certificates = settings.tlsEndpoints().stream().map(CertificateExpiry::probe).toList();
            certificatesAt = now;
        }
        AlertsView alerts = alerts();
        double[] e2e = streamsE2e();
        Operations o;
        try {
            if (admin == null) {
                admin = kafka.admin();
            }
            ClusterHealth h = ClusterHealth.read(admin);
            o = new Operations(h.time(), true, "ok", h.brokers(), h.controller(), h.partitions(), h.lags(),
                    h.lag(pipelineGroup), stages(h), h.logDirs(), certificates, alerts, e2e);
            previous = h;
        } catch (Exception e) {
            o = new Operations(now, false, "cluster unreachable at " + kafka.bootstrap() + ": is it running? "
                    + "('./lab cluster status')", List.of(), -1, null, List.of(), 0, List.of(), List.of(), certificates,
                    alerts, e2e);
            if (admin != null) {
                admin.close(Duration.ZERO);
                admin = null;
            }
            previous = null;
        }
        latest = o;
        feed.publish("operations", o);
    }

    private List<StageFlow> stages(ClusterHealth h) {
        double seconds = previous == null ? 0 : (h.time() - previous.time()) / 1000.0;
        List<StageFlow> out = new ArrayList<>();
        for (Stage s : STAGES) {
            List<String> inputs = new ArrayList<>(s.inputs());
            if (s.name().equals("aggregates")) {
                // The per-site grouping reads the pipeline's repartition topics: their lag is this stage's too.
                h.endOffsets().keySet().stream().filter(t -> t.startsWith(pipelineGroup + "-") && t.endsWith("-repartition"))
                        .forEach(inputs::add);
            }
            double rate = 0;
            if (seconds > 0) {
                for (String t : s.outputs()) {
                    rate += Math.max(0, h.endOffsets().getOrDefault(t, 0L) - previous.endOffsets().getOrDefault(t, 0L))
                            / seconds;
                }
            }
            out.add(new StageFlow(s.name(), inputs, h.lag(pipelineGroup, inputs), s.outputs(), rate));
        }
        return out;
    }

    private AlertsView alerts() {
        if (prometheus == null) {
            return new AlertsView(null, List.of(), "no Prometheus configured (./lab demo starts one)");
        }
        try {
            return new AlertsView(prometheus.url(), prometheus.alerts(), null);
        } catch (RuntimeException e) {
            return new AlertsView(prometheus.url(), List.of(), e.getMessage());
        }
    }

    private double[] streamsE2e() {
        if (prometheus == null) {
            return null;
        }
        try {
            // The enrichment's sink only: late readings and final windows carry old timestamps by design, and a
            // max over every node showed their age (minutes) as if it were the pipeline's latency.
            String node = "{node=\"" + Enrichment.ENRICHED_SINK + "\"}";
            double avg = prometheus.value("max(kafka_streams_node_record_e2e_latency_avg" + node + ")");
            double max = prometheus.value("max(kafka_streams_node_record_e2e_latency_max" + node + ")");
            return Double.isNaN(avg) ? null : new double[] {avg, max};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The kit's own metrics in Prometheus's text format (what the alert rules on lag, disk and certificates read). */
    public String prometheusText() {
        Operations o = latest;
        MetricsText m = new MetricsText();
        m.gauge("streaminglab_cluster_reachable", "1 when the dashboard's last Admin probe of the cluster worked");
        m.sample("streaminglab_cluster_reachable", Map.of(), o != null && o.reachable() ? 1 : 0);
        if (o == null) {
            return m.text();
        }
        if (o.reachable()) {
            m.gauge("streaminglab_brokers", "brokers registered with the controller quorum");
            m.sample("streaminglab_brokers", Map.of(), o.brokers().size());
            m.gauge("streaminglab_partitions_under_replicated", "partitions whose ISR is smaller than their replica set");
            m.sample("streaminglab_partitions_under_replicated", Map.of(), o.partitions().underReplicated());
            m.gauge("streaminglab_partitions_offline", "partitions without a leader");
            m.sample("streaminglab_partitions_offline", Map.of(), o.partitions().offline());
            m.gauge("streaminglab_consumer_group_lag_records", "records behind the end of each topic, from committed offsets");
            o.groups().forEach(g -> m.sample("streaminglab_consumer_group_lag_records",
                    Map.of("group", g.group(), "topic", g.topic()), g.lag()));
            m.gauge("streaminglab_stage_lag_records", "the pipeline group's lag on a stage's input topics");
            o.stages().forEach(s -> m.sample("streaminglab_stage_lag_records", Map.of("stage", s.stage()), s.lag()));
            m.gauge("streaminglab_stage_output_records_per_second", "records/s written to a stage's output topics");
            o.stages().forEach(s -> m.sample("streaminglab_stage_output_records_per_second", Map.of("stage", s.stage()),
                    s.outPerSec()));
            m.gauge("streaminglab_log_dir_used_ratio", "used share of the volume holding a broker's log directory");
            o.logDirs().forEach(d -> m.sample("streaminglab_log_dir_used_ratio",
                    Map.of("broker", Integer.toString(d.broker()), "dir", d.dir()), d.usedRatio()));
        }
        m.gauge("streaminglab_tls_certificate_not_after_timestamp_seconds",
                "when the certificate served at a watched TLS endpoint expires (Unix time)");
        o.certificates().stream().filter(CertificateExpiry.Probe::ok).forEach(c -> m.sample(
                "streaminglab_tls_certificate_not_after_timestamp_seconds",
                Map.of("endpoint", c.endpoint(), "subject", c.subject()), c.notAfterMillis() / 1000.0));
        return m.text();
    }

    @Override
    public void close() {
        PipelineProbe.stop(timer, admin);
    }
}
