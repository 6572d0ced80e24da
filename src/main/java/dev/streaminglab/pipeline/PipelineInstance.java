package dev.streaminglab.pipeline;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.process.Enrichment;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import dev.streaminglab.process.TelemetryPipeline;
import dev.streaminglab.serve.QueryServer;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One running instance of the pipeline: its topics ensured, its Kafka Streams client started and, when it
 * computes aggregates, its query server. Used by {@code Pipeline.java}, the demo, the notebooks and the tests.
 */
public final class PipelineInstance implements AutoCloseable {
    private final StreamsRunner runner;
    private final QueryServer server;

    private PipelineInstance(StreamsRunner runner, QueryServer server) {
        this.runner = runner;
        this.server = server;
    }

    public static PipelineInstance start(KafkaConnection kafka, PipelineOptions o) {
        kafka.requireReachable();
        try (Admin admin = kafka.admin()) {
            Topics.ensureAll(admin, TopicSet.STANDARD.specs());
        }
        boolean serves = o.httpPort() > 0 && o.stages().contains(Stage.AGGREGATES);
        Properties p = TelemetryPipeline.properties(kafka, o.applicationId(), o.guarantee(), o.threads(),
                o.stateDir(), o.instanceId(), serves ? QueryServer.applicationServer(o.httpPort()) : null);
        p.putAll(o.overrides());
        StreamsRunner runner = new StreamsRunner(TelemetryPipeline.buildTopology(o.stages()), p);
        QueryServer server = serves ? new QueryServer(runner.streams(), o.httpPort()) : null;
        runner.start();
        return new PipelineInstance(runner, server);
    }

    public KafkaStreams streams() {
        return runner.streams();
    }

    public Optional<URI> queryUri() {
        return Optional.ofNullable(server).map(QueryServer::uri);
    }

    /** Waits until every task is assigned and restored, or fails naming the state it is stuck in. */
    public PipelineInstance awaitRunning(Duration timeout) {
        runner.awaitState(KafkaStreams.State.RUNNING, timeout);
        return this;
    }

    /**
     * Waits until the global registry table holds these devices, so readings sent next are not dead-lettered as
     * UNKNOWN_DEVICE just because the registry rows were still on their way.
     */
    public PipelineInstance awaitRegistry(Collection<String> deviceIds, Duration timeout) {
        ReadOnlyKeyValueStore<String, Object> registry = runner.store(Enrichment.DEVICES_STORE,
                QueryableStoreTypes.keyValueStore(), timeout);
        Await.until(timeout, () -> "the device registry to hold " + deviceIds.size() + " device(s): check the '"
                + TopicNames.DEVICES + "' topic", () -> deviceIds.stream().allMatch(id -> registry.get(id) != null));
        return this;
    }

    /** True once the Streams client has stopped with an error. */
    public boolean failed() {
        return runner.failed();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        // Without leaving the group: a restarted instance (same client id) takes its partitions straight back.
        runner.closeWithoutLeaving();
    }

    /** Stops with an error when the pipeline did, for commands that must exit so a service manager restarts them. */
    public void requireAlive() {
        if (failed()) {
            throw new LabException("the pipeline stopped (state " + streams().state() + "): "
                    + runner.error().map(Throwable::toString).orElse("see its log above"));
        }
    }
}
