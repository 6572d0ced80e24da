package dev.streaminglab.pipeline;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TimestampBounds;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.Topics;
import dev.streaminglab.process.Registry;
import dev.streaminglab.process.RegistryCheck;
import dev.streaminglab.process.TaskCount;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline;
import dev.streaminglab.process.TopologySettings;
import dev.streaminglab.serve.QueryServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the pipeline: its topics ensured, its Kafka Streams client started, the registry check
 * beside it when a stage reads the registry ({@link RegistryCheck}, an application of its own), and, when it
 * computes aggregates, its query server. Used by {@code Pipeline.java}, the demo, the notebooks and the tests.
 */
public final class PipelineInstance implements AutoCloseable {
    /** The broker setting that refuses records stamped too far in the future (KIP-1030). */
    static final String BROKER_FUTURE_LIMIT = "log.message.timestamp.after.max.ms";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineInstance.class);

    private final StreamsRunner runner;
    private final StreamsRunner registryCheck;
    private final QueryServer server;
    private final TaskCount tasks;

    private PipelineInstance(StreamsRunner runner, StreamsRunner registryCheck, QueryServer server, TaskCount tasks) {
        this.runner = runner;
        this.registryCheck = registryCheck;
        this.server = server;
        this.tasks = tasks;
    }

    public static PipelineInstance start(KafkaConnection kafka, PipelineOptions o) {
        kafka.requireReachable();
        TopicSet topics = TopicSet.STANDARD;
        Map<String, Integer> partitions = new HashMap<>();
        try (Admin admin = kafka.admin()) {
            Topics.ensureAll(admin, topics.specs());
            topics.all().forEach(t -> partitions.put(t, Topics.partitions(admin, t).size()));
            if (o.guarantee() == Guarantee.EXACTLY_ONCE_V2) {
                requireBrokersAccept(admin, o.bounds());
            }
        }
        TopologySettings settings = new TopologySettings(o.bounds(), partitions.get(topics.enriched()));
        Topology topology = TelemetryPipeline.buildTopology(topics, o.stages(), settings);
        boolean serves = o.httpPort() > 0 && o.stages().contains(TelemetryPipeline.Stage.AGGREGATES);
        Properties p = TelemetryPipeline.properties(kafka, o.applicationId(), o.guarantee(), o.threads(),
                o.stateDir(), o.instanceId(), serves ? QueryServer.applicationServer(o.advertisedHost(), o.httpPort())
                        : null);
        p.putAll(o.overrides());
        StreamsRunner runner = new StreamsRunner(topology, p);
        StreamsRunner check = TelemetryPipeline.readsRegistry(o.stages())
                ? new StreamsRunner(RegistryCheck.buildTopology(topics), registryCheckProperties(kafka, o)) : null;
        QueryServer server = serves ? new QueryServer(runner.streams(), o.advertisedHost(), o.httpPort()) : null;
        TaskCount tasks = TaskCount.of(topology.describe(), t -> partitions.getOrDefault(t, -1));
        runner.start();
        if (check != null) {
            check.start();
        }
        return new PipelineInstance(runner, check, server, tasks);
    }

    /**
     * The registry check: the instance's settings, its own application id and state folder. A first start reads the
     * whole registry, as the global store does, whatever the pipeline's own {@code auto.offset.reset}.
     */
    private static Properties registryCheckProperties(KafkaConnection kafka, PipelineOptions o) {
        String id = RegistryCheck.applicationId(o.applicationId());
        Path dir = o.stateDir().resolve(RegistryCheck.STAGE);
        Properties p = TelemetryPipeline.properties(kafka, id, o.guarantee(), 1, dir, o.instanceId(), null);
        p.putAll(o.overrides());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    /**
     * Under exactly-once, one record the broker refuses fails the whole transaction: the production handler cannot
     * save it (Kafka Streams then fails on commit, and on restart meets the same record). So validation must
     * refuse every event time the brokers would: its future bound has to stay under theirs. A principal that may
     * not read broker settings (ACLs) skips the check, with a warning.
     */
    static void requireBrokersAccept(Admin admin, TimestampBounds bounds) {
        ConfigEntry limit;
        try {
            String node = KafkaFutures.await(admin.describeCluster().nodes(), "describing the cluster").iterator()
                    .next().idString();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node);
            Config config = KafkaFutures.await(admin.describeConfigs(List.of(broker)).all(), "reading broker "
                    + node + "'s settings").get(broker);
            limit = config == null ? null : config.get(BROKER_FUTURE_LIMIT);
        } catch (LabException e) {
            LOG.warn("cannot read {} ({}): make sure --max-ahead stays below it", BROKER_FUTURE_LIMIT, e.getMessage());
            return;
        }
        if (limit != null && limit.value() != null && bounds.maxAhead().toMillis() > Long.parseLong(limit.value())) {
            throw new LabException("--max-ahead " + bounds.maxAhead().toMinutes() + " min is beyond the brokers' "
                    + BROKER_FUTURE_LIMIT + " (" + Duration.ofMillis(Long.parseLong(limit.value())).toMinutes()
                    + " min): under exactly-once a reading the broker refuses would stop the pipeline. Lower "
                    + "--max-ahead below it, or run --guarantee at_least_once");
        }
    }

    public KafkaStreams streams() {
        return runner.streams();
    }

    /** The Streams clients of this instance: the pipeline, then the registry check when it runs one. */
    public List<StreamsRunner> runners() {
        return Stream.of(runner, registryCheck).filter(r -> r != null).toList();
    }

    /** The tasks of the main topology on this cluster's partitions (the registry check adds one). */
    public TaskCount tasks() {
        return tasks;
    }

    public Optional<URI> queryUri() {
        return Optional.ofNullable(server).map(QueryServer::uri);
    }

    /** Waits until every task is assigned and restored, or fails naming the state it is stuck in. */
    public PipelineInstance awaitRunning(Duration timeout) {
        runner.awaitState(KafkaStreams.State.RUNNING, timeout);
        if (registryCheck != null) {
            registryCheck.awaitState(KafkaStreams.State.RUNNING, timeout);
        }
        return this;
    }

    /**
     * Waits until the global registry store holds these devices, so readings sent next are not dead-lettered as
     * UNKNOWN_DEVICE just because the registry rows were still on their way.
     */
    public PipelineInstance awaitRegistry(Collection<String> deviceIds, Duration timeout) {
        ReadOnlyKeyValueStore<String, Object> registry = runner.store(Registry.STORE,
                QueryableStoreTypes.keyValueStore(), timeout);
        Await.until(timeout, () -> "the device registry to hold " + deviceIds.size() + " device(s): check the '"
                + TopicNames.DEVICES + "' topic", () -> deviceIds.stream().allMatch(id -> registry.get(id) != null));
        return this;
    }

    /** True once the Streams client, or the registry check beside it, has stopped with an error. */
    public boolean failed() {
        return runners().stream().anyMatch(StreamsRunner::failed);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        // Without leaving the group: a restarted instance (same client id) takes its partitions straight back.
        if (registryCheck != null) {
            registryCheck.closeWithoutLeaving();
        }
        runner.closeWithoutLeaving();
    }

    /** Stops with an error when the pipeline did, for commands that must exit so a service manager restarts them. */
    public void requireAlive() {
        for (StreamsRunner r : runners()) {
            if (r.failed()) {
                throw new LabException("the pipeline stopped (state " + r.streams().state() + "): "
                        + r.error().map(Throwable::toString).orElse("see its log above"));
            }
        }
    }
}
