package dev.streaminglab.process;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.process.TelemetryPipeline.Stage;
import dev.streaminglab.serve.QueryServer;
import java.net.URI;
import dev.streaminglab.domain.TopicNames;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One running instance of the pipeline: its topics ensured, its Kafka Streams client started and, when it
 * computes aggregates, its query server. Used by {@code Pipeline.java}, the notebooks and the tests alike.
 */
public final class PipelineInstance implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final QueryServer server;

    private PipelineInstance(KafkaStreams streams, QueryServer server) {
        this.streams = streams;
        this.server = server;
    }

    public static PipelineInstance start(KafkaConnection kafka, PipelineOptions o) {
        kafka.requireReachable();
        try (Admin admin = kafka.admin()) {
            PipelineTopics.ensureAll(admin);
        }
        boolean serves = o.httpPort() > 0 && o.stages().contains(Stage.AGGREGATES);
        Properties p = TelemetryPipeline.properties(kafka, o.applicationId(), o.guarantee(), o.threads(),
                o.stateDir(), o.instanceId(), serves ? QueryServer.applicationServer(o.httpPort()) : null);
        p.putAll(o.overrides());
        KafkaStreams streams = new KafkaStreams(TelemetryPipeline.buildTopology(o.stages()), p);
        QueryServer server = serves ? new QueryServer(streams, o.httpPort()) : null;
        streams.start();
        return new PipelineInstance(streams, server);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Optional<URI> queryUri() {
        return Optional.ofNullable(server).map(QueryServer::uri);
    }

    /** Waits until every task is assigned and restored, or fails naming the state it is stuck in. */
    public PipelineInstance awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new LabException("the pipeline stopped (state " + streams.state() + "): see its log above");
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("the pipeline is still " + streams.state() + " after " + timeout.toSeconds()
                        + " s: check the brokers are up and the application id is not used elsewhere");
            }
            pause();
        }
        return this;
    }

    /**
     * Waits until the global registry table holds these devices, so readings sent next are not dead-lettered as
     * UNKNOWN_DEVICE just because the registry rows were still on their way.
     */
    public PipelineInstance awaitRegistry(Collection<String> deviceIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, ?> registry = streams.store(StoreQueryParameters.fromNameAndType(
                        Enrichment.DEVICES_STORE, QueryableStoreTypes.<String, Object>keyValueStore()));
                if (deviceIds.stream().allMatch(id -> registry.get(id) != null)) {
                    return this;
                }
            } catch (InvalidStateStoreException e) {
                // not queryable yet: keep waiting
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("the device registry did not receive " + deviceIds.size() + " device(s) within "
                        + timeout.toSeconds() + " s: check the '" + TopicNames.DEVICES + "' topic");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the pipeline", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        streams.close(CLOSE_TIMEOUT);
    }
}
