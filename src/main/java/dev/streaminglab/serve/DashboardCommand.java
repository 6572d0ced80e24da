package dev.streaminglab.serve;

import dev.streaminglab.cluster.ConnectionOptions;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.process.TelemetryPipeline;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Dashboard.java}: serve the live dashboard until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the live dashboard: per-site and per-device windowed averages, throughput, lag, "
                + "alerts and dead letters, pushed to the browser as the pipeline writes them.")
public class DashboardCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--host", defaultValue = Dashboard.DEFAULT_HOST, description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "" + Dashboard.DEFAULT_PORT, description = "port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--pipeline-id",
            description = "the pipeline's application id, for its consumer lag (default: ${DEFAULT-VALUE})")
    String pipelineId = TelemetryPipeline.APPLICATION_ID;

    @Override
    public Integer call() throws InterruptedException {
        KafkaConnection kafka = connection.connection();
        kafka.requireReachable();
        try (var admin = kafka.admin()) {
            // An empty pipeline then shows "waiting for data" instead of missing topics.
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Dashboard d = Dashboard.start(kafka, host, port, pipelineId)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("dashboard at " + d.url() + " (Ctrl-C to stop)");
            stopped.await();
        }
        return 0;
    }
}
