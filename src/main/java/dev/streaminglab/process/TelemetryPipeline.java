package dev.streaminglab.process;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The whole pipeline as one Kafka Streams application: each stage is its own sub-topology, linked to the next
 * through a topic (raw → valid → enriched → aggregates and alerts), so each can also run alone and be watched
 * between stages.
 */
public final class TelemetryPipeline {
    public static final String APPLICATION_ID = "telemetry-pipeline";
    /**
     * Commit (and thus flush caches and, under exactly-once, finish transactions) every second: updates reach
     * the aggregate topics and the dashboard within about a second, without a transaction per 100 ms (the
     * exactly-once default) costing a busy 2-core machine its throughput.
     */
    public static final long COMMIT_INTERVAL_MS = 1000;

    public enum Stage {
        VALIDATION, ENRICHMENT, AGGREGATES, ALERTS;

        public static Stage parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new LabException("unknown stage '" + name + "': use one of " + Arrays.stream(values())
                        .map(s -> s.name().toLowerCase()).collect(Collectors.joining(", ")));
            }
        }
    }

    /** Kafka Streams' two processing guarantees, by their config values. */
    public enum Guarantee {
        EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2), AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

        public final String config;

        Guarantee(String config) {
            this.config = config;
        }
    }

    private TelemetryPipeline() {
    }

    public static Topology buildTopology() {
        return buildTopology(EnumSet.allOf(Stage.class));
    }

    public static Topology buildTopology(Set<Stage> stages) {
        return buildTopology(TopicSet.STANDARD, stages);
    }

    public static Topology buildTopology(TopicSet topics, Set<Stage> stages) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, stages);
        return builder.build();
    }

    /**
     * Every topic the pipeline's stream tasks read (the global registry aside), taken from its topology: the
     * set's own topics as they are, internal ones (repartition topics) under the name Kafka Streams gives them,
     * {@code <application id>-<name>}. Nothing here is typed twice.
     */
    public static List<String> sourceTopics(String applicationId, TopicSet topics) {
        Set<String> own = Set.copyOf(topics.all());
        return buildTopology(topics, EnumSet.allOf(Stage.class)).describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .map(t -> own.contains(t) ? t : applicationId + "-" + t)
                .distinct().sorted().toList();
    }

    /** Adds the chosen stages, on the given topics, to a builder the caller configured (e.g. its store type). */
    public static void build(StreamsBuilder builder, TopicSet topics, Set<Stage> stages) {
        if (stages.contains(Stage.VALIDATION)) {
            Validation.build(builder, topics);
        }
        if (stages.contains(Stage.ENRICHMENT)) {
            Enrichment.build(builder, topics);
        }
        if (stages.contains(Stage.AGGREGATES)) {
            WindowedAggregates.build(builder, topics);
        }
        if (stages.contains(Stage.ALERTS)) {
            Alerts.build(builder, topics);
        }
    }

    /**
     * Streams settings of one instance.
     *
     * @param applicationServer host:port of this instance's query server, or null when it serves none
     */
    public static Properties properties(KafkaConnection kafka, String applicationId, Guarantee guarantee,
            int threads, Path stateDir, String instanceId, String applicationServer) {
        Properties p = kafka.streamsProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.config);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId + "-" + instanceId);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Our own topics are parsed by validation; a record that still fails to deserialize (e.g. a hand-typed
        // registry row) goes to the dead-letter topic with Kafka Streams' own error headers, not into a crash.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, TopicNames.DEAD_LETTER);
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return p;
    }
}
