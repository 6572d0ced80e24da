package dev.streaminglab.costs;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.GroupProgress;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;

/**
 * One application of a stage on a rig: its topics, its properties, its child JVM (started as often as asked, a
 * fresh JVM each time, with the same application id and state folder) and the clocks read from it. {@link
 * #cleanUp()} deletes its topics, group and state.
 */
final class StageRun implements AutoCloseable {
    /** The clock's resolution: how often the harness asks for the committed offsets. */
    static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STARTED_TIMEOUT = Duration.ofMinutes(2);

    private final Rig rig;
    private final Stage stage;
    private final StreamsSetup setup;
    private final Rig.Input input;
    private final String applicationId;
    private final TopicSet topics;
    private final Set<String> fedByItself;
    private final Path status;
    private final Path specFile;
    private ClientJvm child;

    StageRun(Rig rig, Stage stage, StreamsSetup setup, Rig.Input input) {
        if (stage.input() != input.form()) {
            throw new IllegalArgumentException(stage + " reads " + stage.input() + " input, not " + input.form());
        }
        this.rig = rig;
        this.stage = stage;
        this.setup = setup;
        this.input = input;
        this.applicationId = rig.unique(stage.label());
        this.topics = rig.runTopics(applicationId, input);
        Properties streams = setup.properties(rig.kafka(), applicationId, rig.stateDir(applicationId), topics);
        this.fedByItself = stage.plain() ? Set.of() : fedByItself(streams);
        this.status = rig.workDir().resolve("status").resolve(applicationId + ".json");
        this.specFile = rig.writeSpec(applicationId, new ChildSpec(stage.name(), topics.prefix(), topics.renamed(),
                clientProperties(rig.kafka()), streamsOnly(streams, rig.kafka()), status.toString()));
    }

    String applicationId() {
        return applicationId;
    }

    /** Starts a fresh child JVM and returns once it has started its clients. */
    ChildSpec.Status start() {
        stop();
        deleteStatus();
        child = ClientJvm.start(applicationId, ClientJvm.flags(ClientJvm.STREAMS_HEAP, rig.extraFlags()),
                StreamsChild.class.getName(), List.of(specFile.toString()), rig.logDir());
        return await(STARTED_TIMEOUT, "start its clients", s -> s.startedAtMs() > 0);
    }

    /** Waits until the child reported RUNNING (with what it restored on the way). */
    ChildSpec.Status awaitRunning(Duration timeout) {
        return await(timeout, "reach RUNNING", s -> s.runningAtMs() > 0);
    }

    /**
     * Waits until every input partition is committed to its end and every topic the application feeds itself is
     * committed to its end as it is now (less the commit marker under exactly-once); returns that moment, epoch ms.
     */
    long awaitCaughtUp(Duration timeout) {
        boolean exactlyOnce = setup.guarantee() == Guarantee.EXACTLY_ONCE_V2;
        try (Admin admin = rig.kafka().admin()) {
            return Await.value(timeout, POLL, () -> {
                requireAlive("had processed its input");
                long at = System.currentTimeMillis();
                // Committed offsets first, end offsets after: a topic that grows in between only delays the verdict.
                Map<TopicPartition, Long> committed = GroupProgress.committed(admin, applicationId);
                if (!GroupProgress.behind(committed, input.end(), tp -> 0).isEmpty()) {
                    return Optional.<Long>empty();
                }
                Map<TopicPartition, Long> fed = fedByItself.isEmpty() ? Map.of()
                        : GroupProgress.endOffsets(admin, fedByItself);
                return caughtUp(committed, input.end(), fed, exactlyOnce) ? Optional.of(at) : Optional.<Long>empty();
            }).orElseThrow(() -> new LabException(applicationId + " had not processed its " + input.records()
                    + " input records within " + timeout.toSeconds() + " s: see " + child.log()));
        }
    }

    /**
     * Done: every input partition committed to its end, and every topic the application feeds itself committed to
     * its end, less one offset for the commit marker where it writes in transactions.
     */
    static boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> inputEnd,
            Map<TopicPartition, Long> fedEnd, boolean exactlyOnce) {
        return GroupProgress.behind(committed, inputEnd, tp -> 0).isEmpty()
                && GroupProgress.behind(committed, fedEnd, tp -> exactlyOnce ? 1 : 0).isEmpty();
    }

    ChildSpec.Status status() {
        return ChildSpec.Status.read(status).orElseThrow(() -> new LabException(applicationId + " wrote no status"));
    }

    List<String> flags() {
        return child == null ? List.of() : child.flags();
    }

    /** Stops the child (it closes its clients, leaving the group, and exits). */
    void stop() {
        if (child != null) {
            child.close();
            child = null;
        }
    }

    void cleanUp() {
        stop();
        rig.cleanUp(applicationId, topics, input);
    }

    @Override
    public void close() {
        stop();
    }

    private ChildSpec.Status await(Duration timeout, String what, Predicate<ChildSpec.Status> done) {
        return Await.value(timeout, applicationId + " to " + what, () -> {
            requireAlive(what);
            Optional<ChildSpec.Status> s = ChildSpec.Status.read(status);
            if (s.isPresent() && s.get().error() != null) {
                throw child.failed("failed: " + s.get().error());
            }
            return s.filter(done);
        });
    }

    private void requireAlive(String before) {
        if (!child.alive()) {
            throw child.failed("ended before it could " + before);
        }
    }

    private void deleteStatus() {
        try {
            Files.deleteIfExists(status);
        } catch (IOException e) {
            throw new LabException("cannot delete " + status + ": " + e.getMessage(), e);
        }
    }

    /** The topics the topology reads besides the input: its own repartition topics and the topics between stages. */
    private Set<String> fedByItself(Properties streams) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streams)));
        stage.build(builder, topics);
        Set<String> own = Set.copyOf(topics.all());
        return builder.build(streams).describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .filter(t -> !t.equals(input.topic()))
                .map(t -> own.contains(t) ? t : applicationId + "-" + t)
                .collect(Collectors.toSet());
    }

    /** The connection's own properties (bootstrap, security): what every client of the child needs. */
    static Map<String, String> clientProperties(KafkaConnection kafka) {
        Map<String, String> p = new LinkedHashMap<>();
        kafka.clientProperties().forEach((k, v) -> p.put(k.toString(), v.toString()));
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        return p;
    }

    private static Map<String, String> streamsOnly(Properties streams, KafkaConnection kafka) {
        Map<String, String> p = new LinkedHashMap<>();
        streams.forEach((k, v) -> {
            if (!kafka.clientProperties().containsKey(k) && !k.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                p.put(k.toString(), v instanceof Class<?> c ? c.getName() : v.toString());
            }
        });
        return p;
    }
}
