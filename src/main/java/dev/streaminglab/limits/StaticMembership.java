package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * A rolling restart of one of two instances: KafkaStreams.close() as is (a member that means to come back does not
 * leave the group), then the same instance starts again. Under the classic protocol a dynamic member's partitions
 * wait for its session to time out and the peer rebalances; with group.instance.id the restart goes unnoticed. The
 * streams protocol of Kafka 4.3 refuses group.instance.id.
 */
final class StaticMembership implements Experiment {
    static final int PARTITIONS = 4;
    /** The classic broker's minimum session timeout: a restart of a dynamic member waits this long. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    private static final About ABOUT = new About("static-membership", "Rebalancing: static membership on restart",
            "Does a rolling restart of one instance disturb the other, with and without static membership, under "
                    + "each rebalance protocol?",
            "With group.instance.id a restart within session.timeout.ms causes no rebalance and no task movement "
                    + "(classic protocol). Without it, the restarting member's partitions stall until its session "
                    + "times out and the group rebalances once. The streams protocol of 4.3 rejects group.instance.id "
                    + "(static membership comes with 4.4).",
            "4 partitions, 100 records/s, two instances; one restarts (close without leaving, start); classic "
                    + "protocol with and without group.instance.id (session timeout 6 s), streams protocol without "
                    + "(with it: the configuration is refused); the peer's rebalances (its REBALANCING state, which "
                    + "the streams protocol does not use: assignments change in place there) and the longest "
                    + "processing delay of the records sent around the restart.",
            "Under classic, give every instance a stable group.instance.id (pod name) for rolling restarts and close "
                    + "with LEAVE_GROUP only on scale-in; a crashed static member's partitions wait for the session "
                    + "timeout. Under the streams protocol in 4.3, plan restarts as leave and join.",
            List.of(Source.kip(345, "Introduce static membership protocol to reduce consumer rebalances"),
                    Source.docs("streams/developer-guide/streams-rebalance-protocol",
                            "Streams rebalance protocol, what is not supported"),
                    Source.kip(1071, "Streams Rebalance Protocol")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(
                lab.arm("classic, dynamic", bench -> bounce(bench, Protocol.CLASSIC, false)),
                lab.arm("classic, static", bench -> bounce(bench, Protocol.CLASSIC, true)),
                lab.arm("streams, dynamic", bench -> bounce(bench, Protocol.STREAMS, false)),
                lab.arm("streams, static", StaticMembership::streamsStatic)));
    }

    private static Take bounce(Workbench bench, Protocol protocol, boolean staticMembers) {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis());
        Topology topology = RebalancePause.topology(in, timeline);
        StreamsRunner peer = bench.app(appId, "peer", topology, props(protocol, staticMembers, "peer"));
        StreamsRunner bounced = bench.app(appId, "bounced", topology, props(protocol, staticMembers, "bounced"));
        peer.start();
        bounced.start();
        peer.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
        bounced.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
        Await.until(StreamsRunner.START_TIMEOUT, "both instances to own tasks",
                () -> Tasks.active(peer) > 0 && Tasks.active(bounced) > 0);
        long restartMs;
        long before;
        long from;
        SteadyProducer producer = new SteadyProducer(bench, in, 100, 100);
        try {
            Timed.observe(Duration.ofSeconds(1));
            before = peer.rebalances();
            from = timeline.sinceStart();
            long t0 = System.nanoTime();
            bounced.closeWithoutLeaving();
            StreamsRunner again = bench.app(appId, "bounced", topology, props(protocol, staticMembers, "bounced"))
                    .startAndAwaitRunning();
            Await.until(StreamsRunner.START_TIMEOUT, "the restarted instance to own tasks",
                    () -> Tasks.active(again) > 0);
            restartMs = Timed.millisSince(t0);
            Timed.observe(Duration.ofSeconds(1));
        } finally {
            producer.close();
        }
        Await.until(Duration.ofMinutes(2), "every record to be processed",
                () -> timeline.processed() >= producer.produced());
        long rebalances = peer.rebalances() - before;
        Take take = new Take().figure("peerRebalances", rebalances)
                .figure("maxDelayMs", timeline.maxDelay(from, timeline.sinceStart()))
                .figure("restartMs", restartMs);
        return protocol == Protocol.CLASSIC ? take.fact("peerRebalanced", rebalances > 0) : take;
    }

    private static Take streamsStatic(Workbench bench) {
        try {
            new StreamsConfig(bench.streamsProps(bench.appId("app"), "a", props(Protocol.STREAMS, true, "a")));
            return new Take().fact("configuration", "accepted");
        } catch (ConfigException e) {
            return new Take().fact("configuration", "ConfigException: " + e.getMessage());
        }
    }

    private static Map<String, Object> props(Protocol protocol, boolean staticMembers, String instance) {
        Map<String, Object> p = new HashMap<>(protocol.config());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) SESSION_TIMEOUT.toMillis());
        if (staticMembers) {
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
        }
        return p;
    }

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder("restart of one instance: ");
        for (String arm : List.of("classic, dynamic", "classic, static")) {
            s.append(arm).append(" ").append(LimitsReport.format(e.figure(Lab.RUN, arm, "peerRebalances")))
                    .append(" rebalance(s) on the peer, max delay ")
                    .append(LimitsReport.format(e.figure(Lab.RUN, arm, "maxDelayMs"))).append(" ms; ");
        }
        s.append("streams, dynamic: max delay ").append(LimitsReport.format(e.figure(Lab.RUN, "streams, dynamic",
                "maxDelayMs"))).append(" ms; ");
        s.append("streams, static: ").append(e.text(Lab.RUN, "streams, static", "configuration"));
        return Finding.of(Verdict.WORKS, s.toString());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("longest processing delay around the restart (ms)", "maxDelayMs"));
    }
}
