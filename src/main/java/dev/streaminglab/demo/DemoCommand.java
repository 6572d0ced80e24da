package dev.streaminglab.demo;

import dev.streaminglab.LabException;
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
import dev.streaminglab.pipeline.PipelineInstance;
import dev.streaminglab.pipeline.PipelineOptions;
import dev.streaminglab.serve.Dashboard;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab demo}: the main job, end to end on the local cluster: brokers, the telemetry generator, the
 * Streams pipeline and the live dashboard, until Ctrl-C (or {@code --duration}). The cluster keeps running
 * afterwards so its topics can be explored.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local cluster (if needed), the pipeline, the dashboard and the generator; "
                + "stop with Ctrl-C.")
public class DemoCommand implements Callable<Integer> {
    public static final String SMOKE_TOPIC = "smoke";
    /** One reading per device per second: event time keeps pace with the wall clock, windows close live. */
    static final double DEMO_RATE = GeneratorSettings.LAB_DEVICES;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

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

    @Override
    public Integer call() {
        Duration runFor = parseDuration(duration);
        LocalCluster cluster = new LocalCluster(nodes, LocalCluster.DEFAULT_PORT, LocalCluster.defaultCluster().dir());
        boolean wasRunning = cluster.runningState().isPresent();
        ClusterState state = cluster.start(LocalCluster.DEFAULT_START_TIMEOUT);
        System.out.printf(wasRunning ? "cluster already running at %s%n" : "cluster started in %2$.1f s at %1$s%n",
                state.bootstrap(), state.startMillis() / 1000.0);
        KafkaConnection kafka = KafkaConnection.of(state.bootstrap());
        System.out.println("smoke flow: " + RoundTrip.run(kafka, SMOKE_TOPIC, 1000).summary());
        if (!noConnect) {
            // Separate processes, like the brokers: they keep sinking results after the demo ends.
            ConnectStack connect = ConnectStack.defaults(kafka);
            connect.start(ConnectWorker.Mode.STANDALONE, 1, LocalConnect.DEFAULT_START_TIMEOUT)
                    .forEach(c -> System.out.println(c.summary()));
            System.out.println("PostgreSQL: " + connect.postgres().jdbcUrl() + " (user lab, password lab)");
        }

        Generator generator = new Generator(kafka, ProducerTuning.defaults(), false);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C ends the generator; the hook then waits so that pipeline and dashboard close cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            generator.stop();
            awaitQuietly(closed, SHUTDOWN_GRACE);
        }));
        try (PipelineInstance pipeline = PipelineInstance.start(kafka, PipelineOptions.defaults());
                Dashboard dashboard = Dashboard.start(kafka, Dashboard.DEFAULT_HOST, dashboardPort,
                        PipelineOptions.defaults().applicationId())) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
            System.out.printf("""
                    pipeline running (exactly-once); interactive queries at %s
                    dashboard at %s
                    generator: %d lab motes, %.0f readings/s with out-of-order, late and malformed records
                    watch a stage:  ./lab jbang run jbang-scripts/Tail.java -t telemetry.dlq
                    connectors:     ./lab jbang run jbang-scripts/Connect.java status
                    stop:           Ctrl-C; then './lab jbang run jbang-scripts/Connect.java stop' and
                                    './lab cluster stop' (both keep running for exploration)
                    %n""", pipeline.queryUri().map(Object::toString).orElse("(off)"), dashboard.url(),
                    GeneratorSettings.LAB_DEVICES, DEMO_RATE);
            GeneratorSummary summary = generator.synthetic(GeneratorSettings.defaults().withRate(DEMO_RATE)
                    .withDuration(runFor));
            System.out.println("generator: " + summary.text());
        } finally {
            closed.countDown();
        }
        return 0;
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
