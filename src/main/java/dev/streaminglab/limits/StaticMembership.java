package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Static membership: an instance restarted within the session timeout with the same group.instance.id gets
 * its tasks back without a rebalance; a dynamic member's restart makes everyone rebalance twice.
 */
final class StaticMembership implements Experiment {
    static final int PARTITIONS = 4;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "static-membership";
    }

    @Override
    public String capability() {
        return "Rebalancing: static membership on restart";
    }

    @Override
    public String question() {
        return "Does a rolling restart of one instance disturb the others, with and without static membership?";
    }

    @Override
    public String setup() {
        return "4 partitions, 100 records/s, two instances; restart (close, start) one of them; once with "
                + "group.instance.id set, once without; KafkaStreams.close() as is (members stay in the group), session timeout 10 s; count the rebalances the other "
                + "instance goes through and its longest processing delay.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        Result dynamic = bounce(bench, false);
        Result fixed = bounce(bench, true);
        out.figure("dynamicRebalancesOnPeer", dynamic.rebalances)
                .figure("staticRebalancesOnPeer", fixed.rebalances)
                .figure("dynamicMaxDelayMs", dynamic.maxDelayMs)
                .figure("staticMaxDelayMs", fixed.maxDelayMs)
                .figure("dynamicRestartMs", dynamic.restartMs)
                .figure("staticRestartMs", fixed.restartMs)
                .series(dynamic.timeline.series("dynamic members"))
                .series(fixed.timeline.series("static members"))
                .verdict(Verdict.WORKS)
                .headline(String.format("restart of one instance: %d rebalance(s) on the peer without static "
                        + "membership vs %d with it; max delay %d ms vs %d ms", dynamic.rebalances, fixed.rebalances,
                        dynamic.maxDelayMs, fixed.maxDelayMs))
                .conclusion("With group.instance.id per instance (e.g. the pod name) a restart inside "
                        + "session.timeout.ms is invisible to the rest of the group: no rebalance, no task movement, "
                        + "no restore. Without it, KafkaStreams.close() does not leave the group either, so the "
                        + "restarting member's partitions stall until the session times out and then move twice. "
                        + "Use static membership for rolling restarts; close with LEAVE_GROUP for scale-in; a crashed "
                        + "static member's partitions wait for the session timeout.");
    }

    private record Result(long rebalances, long maxDelayMs, long restartMs, LatencyTimeline timeline) {
    }

    private static Result bounce(Workbench bench, boolean staticMembers) throws Exception {
        String kind = staticMembers ? "static" : "dynamic";
        String in = bench.topic("in-" + kind, PARTITIONS);
        String appId = bench.appId(kind);
        LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis());
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).process(() -> new Processor<String, String, Void, Void>() {
            @Override
            public void process(Record<String, String> r) {
                timeline.record(r.timestamp());
            }
        });
        Topology topology = b.build();
        StreamsRunner peer = bench.app(appId, kind + "-peer", topology, props(staticMembers, "peer"));
        StreamsRunner bounced = bench.app(appId, kind + "-bounced", topology, props(staticMembers, "bounced"));
        peer.start();
        bounced.start();
        peer.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
        bounced.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
        Await.until(StreamsRunner.START_TIMEOUT, "both instances to own tasks", () -> hasTasks(peer) && hasTasks(bounced));
        long restartMs;
        long before;
        long from;
        SteadyProducer producer = new SteadyProducer(bench, in, 100, 100);
        try {
            Thread.sleep(1_000); // a stretch of steady processing before the restart, for the timeline
            before = peer.rebalances();
            from = timeline.sinceStart();
            long t0 = System.nanoTime();
            bounced.closeWithoutLeaving();
            StreamsRunner again = bench.app(appId, kind + "-bounced", topology, props(staticMembers, "bounced"))
                    .startAndAwaitRunning();
            Await.until(StreamsRunner.START_TIMEOUT, "the restarted instance to own tasks", () -> hasTasks(again));
            restartMs = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(1_000); // a stretch of steady processing after the restart, for the timeline
        } finally {
            producer.close();
        }
        Await.until(Duration.ofMinutes(2), "every record to be processed", () -> timeline.processed() >= producer.produced());
        return new Result(peer.rebalances() - before, timeline.maxDelay(from, timeline.sinceStart()), restartMs, timeline);
    }

    private static boolean hasTasks(StreamsRunner app) {
        return app.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    private static Map<String, Object> props(boolean staticMembers, String instance) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) SESSION_TIMEOUT.toMillis());
        if (staticMembers) {
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
        }
        return p;
    }
}
