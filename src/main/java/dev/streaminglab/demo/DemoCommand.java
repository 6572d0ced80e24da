package dev.streaminglab.demo;

import dev.streaminglab.ClientLogFile;
import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.cluster.RoundTrip;
import dev.streaminglab.connect.ConnectStack;
import dev.streaminglab.connect.ConnectWorker;
import dev.streaminglab.connect.LocalConnect;
import dev.streaminglab.ingest.Generator;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.GeneratorSummary;
import dev.streaminglab.ingest.ProducerTuning;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.monitor.LocalPrometheus.Job;
import dev.streaminglab.monitor.LocalPrometheus;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.pipeline.PipelineProcess;
import dev.streaminglab.serve.Dashboard;
import dev.streaminglab.serve.OperationsProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab demo}: the main job, end to end on the local cluster: brokers, the telemetry generator, the
 * Streams pipeline (in a JVM of its own, with the Prometheus JMX exporter attached), Prometheus scraping every
 * part, and the live dashboard with its operations view, until Ctrl-C (or {@code --duration}). The cluster keeps
 * running afterwards so its topics can be explored.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local cluster (if needed), the pipeline, the dashboard and the generator; "
                + "stop with Ctrl-C.")
public class DemoCommand implements Callable<Integer> {
    public static final String SMOKE_TOPIC = "smoke";
    /** One reading per device per second: event time keeps pace with the wall clock, windows close live. */
    static final double DEMO_RATE = GeneratorSettings.LAB_DEVICES;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** Two pages, each open for a minute at least, before the generator stops. */
    private static final Duration SCREENSHOT_BEFORE_END = Duration.ofMinutes(3);
    private static final Duration SCREENSHOT_WAIT = Duration.ofSeconds(120);
    /** The pages' charts keep what they saw since the page opened: a minute of history makes a readable chart. */
    private static final String PAGE_AGE = "performance.now() > 60000 && ";
    /** The pipeline's Prometheus exporter, next to its interactive queries on 7070. */
    static final int PIPELINE_METRICS_PORT = PipelineOptions.DEFAULT_HTTP_PORT + 1;

    @Option(names = "--nodes", defaultValue = "1", description = "KRaft nodes to start (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--duration", defaultValue = "24h",
            description = "how long the generator runs, e.g. 60s, 10m (default: ${DEFAULT-VALUE}; Ctrl-C stops earlier)")
    String duration;

    @Option(names = "--dashboard-port", defaultValue = "" + Dashboard.DEFAULT_PORT,
            description = "dashboard port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int dashboardPort;

    @Option(names = "--no-connect", description = "leave out Kafka Connect and PostgreSQL")
    boolean noConnect;

    @Option(names = "--screenshots", paramLabel = "DIR", description = "before the generator stops, save the "
            + "dashboard and the operations view as DIR/dashboard.png and DIR/operations.png (headless Chromium; the "
            + "deck's screenshots: --duration 6m --screenshots seminar-slides/figures)")
    Path screenshots;

    @Option(names = "--prometheus-port", defaultValue = "" + LocalPrometheus.DEFAULT_PORT,
            description = "Prometheus on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int prometheusPort;

    @Override
    public Integer call() {
        Duration runFor = parseDuration(duration);
        try (ClientLogFile clientLog = ClientLogFile.redirect(ClientLogFile.KAFKA, clientLog())) {
            System.out.println("Kafka clients' warnings: " + clientLog.file());
            return run(runFor);
        }
    }

    private Integer run(Duration runFor) {
        LocalCluster cluster = new LocalCluster(nodes, LocalCluster.DEFAULT_PORT, LocalCluster.defaultCluster().dir());
        boolean wasRunning = cluster.runningState().isPresent();
        ClusterState state = cluster.start(LocalCluster.DEFAULT_START_TIMEOUT);
        System.out.printf(wasRunning ? "cluster already running at %s%n" : "cluster started in %2$.1f s at %1$s%n",
                state.bootstrap(), state.startMillis() / 1000.0);
        KafkaConnection kafka = KafkaConnection.of(state.bootstrap());
        System.out.println("smoke flow: " + RoundTrip.run(kafka, SMOKE_TOPIC, 1000).summary());
        List<String> connectTargets = List.of();
        if (!noConnect) {
            // Separate processes, like the brokers: they keep sinking results after the demo ends.
            ConnectStack connect = ConnectStack.defaults(kafka);
            connect.start(ConnectWorker.Mode.STANDALONE, 1, LocalConnect.DEFAULT_START_TIMEOUT)
                    .forEach(c -> System.out.println(c.summary()));
            System.out.println("PostgreSQL: " + connect.postgres().jdbcUrl() + " (user lab, password lab)");
            connectTargets = connect.connect().running().stream().map(w -> "127.0.0.1:" + w.metricsPort()).toList();
        }
        // Started last of what runs beside the demo's own JVM: a part that fails to start leaves no Prometheus.
        LocalPrometheus prometheus = new LocalPrometheus(prometheusPort, LabHome.workDir().resolve("prometheus"))
                .start();
        prometheus.targets(Job.KAFKA, state.nodes().stream().map(ClusterState.NodeState::metricsTarget).toList());
        prometheus.targets(Job.CONNECT, connectTargets);

        Generator generator = new Generator(kafka, ProducerTuning.defaults(), false);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C ends the generator; the hook then waits so that pipeline and dashboard close cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            generator.stop();
            awaitQuietly(closed, SHUTDOWN_GRACE);
        }));
        PipelineOptions options = PipelineOptions.defaults();
        try (prometheus;
                PipelineProcess pipeline = PipelineProcess.start(kafka, options, PIPELINE_METRICS_PORT,
                        LabHome.workDir().resolve("streams").resolve("process-" + options.instanceId()));
                Dashboard dashboard = Dashboard.start(kafka, Dashboard.DEFAULT_HOST, dashboardPort,
                        options.applicationId(), new OperationsProbe.Settings(prometheus.url(), List.of()))) {
            prometheus.targets(Job.STREAMS, List.of("127.0.0.1:" + pipeline.metricsPort()));
            prometheus.targets(Job.DASHBOARD, List.of(dashboard.metricsTarget()));
            pipeline.awaitRunning(Duration.ofMinutes(2));
            System.out.printf("""
                    pipeline running (exactly-once, its own JVM, log %s); interactive queries at %s
                    dashboard at %s, operations view at %s
                    Prometheus at %s (alerts: %s/alerts)
                    generator: %d lab motes, %.0f readings/s with out-of-order, late and malformed records
                    watch a stage:  ./lab jbang run jbang-scripts/Tail.java -t telemetry.dlq
                    connectors:     ./lab jbang run jbang-scripts/Connect.java status
                    stop:           Ctrl-C; then './lab jbang run jbang-scripts/Connect.java stop' and
                                    './lab cluster stop' (both keep running for exploration)
                    %n""", pipeline.log(), "http://127.0.0.1:" + options.httpPort(), dashboard.url(),
                    dashboard.operationsUrl(), prometheus.url(), prometheus.url(), GeneratorSettings.LAB_DEVICES,
                    DEMO_RATE);
            CompletableFuture<Boolean> shots = screenshots == null ? CompletableFuture.completedFuture(true)
                    : CompletableFuture.supplyAsync(() -> shoot(dashboard), CompletableFuture.delayedExecutor(
                            screenshotDelay(runFor).toMillis(), TimeUnit.MILLISECONDS));
            GeneratorSummary summary = generator.synthetic(GeneratorSettings.defaults().withRate(DEMO_RATE)
                    .withDuration(runFor));
            if (!shots.join()) {
                return 1;
            }
            System.out.println("generator: " + summary.text());
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** Late enough that windows have closed and lag has a history, early enough that the generator still writes. */
    static Duration screenshotDelay(Duration runFor) {
        Duration beforeEnd = runFor.minus(SCREENSHOT_BEFORE_END);
        return beforeEnd.compareTo(runFor.dividedBy(2)) > 0 ? beforeEnd : runFor.dividedBy(2);
    }

    /**
     * Each page once it has been open a minute and shows live data: site windows and device rows, or lag per stage
     * and a latency figure.
     */
    private boolean shoot(Dashboard dashboard) {
        Path dashboardPng = screenshots.resolve("dashboard.png");
        Path operationsPng = screenshots.resolve("operations.png");
        try (PageScreenshots chromium = PageScreenshots.start(1600, 1000)) {
            chromium.shoot(dashboard.url(), PAGE_AGE
                    + "document.querySelectorAll('#latest-sites tr[data-key]').length >= 3"
                    + " && document.querySelectorAll('#latest-devices tr[data-key]').length >= 10", SCREENSHOT_WAIT,
                    dashboardPng);
            chromium.shoot(dashboard.operationsUrl(), PAGE_AGE
                    + "document.querySelectorAll('#groups tr[data-lag]').length > 0"
                    + " && !!document.getElementById('kpi-latency').getAttribute('data-p50')", SCREENSHOT_WAIT,
                    operationsPng);
            System.out.println("screenshots: " + dashboardPng + ", " + operationsPng);
            return true;
        } catch (LabException e) {
            System.err.println("screenshots failed: " + e.getMessage());
            return false;
        }
    }

    /** Named in the README: the demo's console shows the kit's progress, this file the clients' warnings. */
    static Path clientLog() {
        return LabHome.workDir().resolve("logs").resolve("demo-clients.log");
    }

    static Duration parseDuration(String text) {
        try {
            return Duration.parse("PT" + text.toUpperCase());
        } catch (DateTimeParseException e) {
            throw new LabException("--duration must look like 90s, 10m or 2h, got '" + text + "'");
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration d) {
        try {
            latch.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
