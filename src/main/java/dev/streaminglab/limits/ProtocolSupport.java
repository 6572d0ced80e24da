package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * What the streams rebalance protocol (KIP-1071) of Kafka 4.3 does not support yet, tried one by one against the
 * cluster: whether the brokers have it at all, client settings it ignores, a topology it cannot run, and a classic
 * group it cannot take over while running.
 */
final class ProtocolSupport implements Experiment {

    private static final About ABOUT = new About("protocol-support", "Rebalancing: what the streams protocol (KIP-1071) "
            + "does not support in 4.3",
            "Which Kafka Streams features are not yet available under group.protocol=streams in 4.3?",
            "The streams protocol is on by default on a fresh 4.3 cluster (feature streams.version=1), but it ignores "
                    + "the client's standby and warm-up settings (standbys are the group's setting), rejects static "
                    + "membership, and a classic group cannot switch to it while members run.",
            "For each feature: the finalized streams.version of the cluster; an instance configured with "
                    + "num.standby.replicas=1 and max.warmup.replicas=2 under the streams protocol (WARN lines, "
                    + "standby tasks of two instances); a topology reading a topic pattern; a streams-protocol "
                    + "instance joining a running classic group.",
            "Stay on the classic protocol where you need static membership, warm-up tasks or the high-availability "
                    + "assignor; under the streams protocol set standbys with kafka-configs.sh --entity-type groups; "
                    + "migrate a group offline (stop every instance, let sessions expire, restart with streams).",
            List.of(Source.docs("streams/developer-guide/streams-rebalance-protocol",
                            "Streams rebalance protocol, what is not supported in this version"),
                    Source.kip(1071, "Streams Rebalance Protocol"),
                    new Source("Kafka Streams KIP overview (KIP-1071 in 4.4: static membership, warm-up tasks)",
                            "https://cwiki.apache.org/confluence/spaces/KAFKA/pages/145722102/Kafka+Streams+KIP+Overview")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(
                lab.arm("brokers", ProtocolSupport::feature),
                lab.arm("client standby and warm-up settings", ProtocolSupport::ignoredSettings),
                lab.arm("topic pattern source", ProtocolSupport::pattern),
                lab.arm("online migration from classic", ProtocolSupport::migration)));
    }

    private static Take feature(Workbench bench) {
        Map<String, FinalizedVersionRange> finalized = KafkaFutures.await(
                bench.admin().describeFeatures().featureMetadata(), "describing features").finalizedFeatures();
        FinalizedVersionRange streams = finalized.get("streams.version");
        return new Take().fact("streamsVersionFinalized", streams == null ? 0 : streams.maxVersionLevel());
    }

    private static Take ignoredSettings(Workbench bench) {
        String in = bench.topic("in", 2);
        String appId = bench.appId("app");
        Topology topology = CountByKey.topology(in, new AtomicLong());
        Map<String, Object> props = new HashMap<>(Protocol.STREAMS.config());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG, 2);
        try (LogCapture log = LogCapture.of(StreamsConfig.class.getName())) {
            StreamsRunner a = bench.app(appId, "a", topology, props);
            StreamsRunner b = bench.app(appId, "b", topology, props);
            a.start();
            b.start();
            a.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
            b.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
            Await.until(StreamsRunner.START_TIMEOUT, "each instance to own a task",
                    () -> Tasks.active(a) == 1 && Tasks.active(b) == 1);
            return new Take().fact("standbyTasks", Tasks.standby(a) + Tasks.standby(b))
                    .fact("warnings", log.lines().stream().filter(l -> l.contains("streams")).distinct().toList());
        }
    }

    private static Take pattern(Workbench bench) {
        bench.topic("in-1", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Pattern.compile(Pattern.quote(bench.name("in-")) + ".*")).foreach((k, v) -> { });
        try {
            return outcome(bench, bench.app(bench.appId("app"), "a", b.build(), Protocol.STREAMS.config()));
        } catch (RuntimeException refused) {
            Throwable root = Workbench.rootCause(refused);
            return new Take().fact("state", "not started").fact("error", root.getClass().getSimpleName() + ": "
                    + bench.anonymous(root.getMessage()));
        }
    }

    private static Take migration(Workbench bench) {
        String in = bench.topic("in", 2);
        String appId = bench.appId("app");
        Topology topology = CountByKey.topology(in, new AtomicLong());
        bench.app(appId, "classic", topology, Protocol.CLASSIC.config()).startAndAwaitRunning();
        return outcome(bench, bench.app(appId, "streams", topology, Protocol.STREAMS.config()));
    }

    /** Starts the instance and records where it ended up: RUNNING with tasks, or stopped with an error. */
    private static Take outcome(Workbench bench, StreamsRunner app) {
        app.start();
        Await.until(Duration.ofSeconds(60), "the instance to run a task or stop",
                () -> app.failed() || (app.streams().state() == State.RUNNING && Tasks.active(app) > 0));
        if (app.failed()) {
            Workbench.awaitStopped(app);
        }
        Throwable root = app.error().map(Workbench::rootCause).orElse(null);
        return new Take().fact("state", app.streams().state().name())
                .fact("error", root == null ? "none" : root.getClass().getSimpleName() + ": "
                        + bench.anonymous(root.getMessage()));
    }

    @Override
    public Finding read(Evidence e) {
        return Finding.of(Verdict.LIMIT, "streams.version finalized at " + e.count(Lab.RUN, "brokers",
                "streamsVersionFinalized") + "; client num.standby.replicas=1 gave " + e.count(Lab.RUN,
                "client standby and warm-up settings", "standbyTasks") + " standby tasks; a topic pattern source: "
                + e.text(Lab.RUN, "topic pattern source", "state") + " (" + e.text(Lab.RUN, "topic pattern source",
                "error") + "); joining a running classic group: " + e.text(Lab.RUN, "online migration from classic",
                "state") + " (" + e.text(Lab.RUN, "online migration from classic", "error") + ")");
    }
}
