package dev.streaminglab.serve;

import dev.streaminglab.kafka.KafkaConnection;

/** The dashboard as one thing to start and stop: feed, probe and web server. */
public final class Dashboard implements AutoCloseable {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final LiveFeed feed;
    private final PipelineProbe probe;
    private final DashboardServer server;

    private Dashboard(LiveFeed feed, PipelineProbe probe, DashboardServer server) {
        this.feed = feed;
        this.probe = probe;
        this.server = server;
    }

    /**
     * @param pipelineGroup the pipeline's application id, whose consumer lag the page shows
     * @param port 0 picks a free port (tests)
     */
    public static Dashboard start(KafkaConnection kafka, String host, int port, String pipelineGroup) {
        LiveFeed feed = new LiveFeed(kafka);
        PipelineProbe probe = new PipelineProbe(kafka, pipelineGroup, feed);
        DashboardServer server = new DashboardServer(host, port, feed, probe);
        feed.start();
        probe.start();
        server.start();
        return new Dashboard(feed, probe, server);
    }

    public String url() {
        return server.url();
    }

    public LiveFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        server.close();
        probe.close();
        feed.close();
    }
}
