package dev.streaminglab.serve;

import dev.streaminglab.kafka.KafkaConnection;

/** The dashboard as one thing to start and stop: feed, probes and web server. */
public final class Dashboard implements AutoCloseable {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final LiveFeed feed;
    private final PipelineProbe probe;
    private final OperationsProbe operations;
    private final DashboardServer server;

    private Dashboard(LiveFeed feed, PipelineProbe probe, OperationsProbe operations, DashboardServer server) {
        this.feed = feed;
        this.probe = probe;
        this.operations = operations;
        this.server = server;
    }

    /**
     * @param pipelineGroup the pipeline's application id, whose consumer lag the page shows
     * @param port 0 picks a free port (tests)
     */
    public static Dashboard start(KafkaConnection kafka, String host, int port, String pipelineGroup) {
        return start(kafka, host, port, pipelineGroup, OperationsProbe.Settings.none());
    }

    /** With the operations view reading alerts from Prometheus and watching TLS endpoints. */
    public static Dashboard start(KafkaConnection kafka, String host, int port, String pipelineGroup,
            OperationsProbe.Settings settings) {
        LiveFeed feed = new LiveFeed(kafka);
        PipelineProbe probe = new PipelineProbe(kafka, pipelineGroup, feed);
        OperationsProbe operations = new OperationsProbe(kafka, pipelineGroup, settings, feed);
        DashboardServer server = new DashboardServer(host, port, feed, probe, operations);
        feed.start();
        probe.start();
        operations.start();
        server.start();
        return new Dashboard(feed, probe, operations, server);
    }

    public String url() {
        return server.url();
    }

    public String operationsUrl() {
        return server.url() + "operations";
    }

    /** host:port of the kit's own {@code /metrics}, for Prometheus. */
    public String metricsTarget() {
        return server.url().replaceFirst("^http://", "").replaceFirst("/$", "");
    }

    public LiveFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        server.close();
        operations.close();
        probe.close();
        feed.close();
    }
}
