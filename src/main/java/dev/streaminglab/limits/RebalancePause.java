package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The processing pause when a second instance joins and later leaves, under Kafka Streams' cooperative
 * rebalancing (the eager protocol can no longer be chosen: the experiment shows the refusal).
 */
final class RebalancePause implements Experiment {
    static final int PARTITIONS = 4;

    @Override
    public String name() {
        return "rebalance-pause";
    }

    @Override
    public String capability() {
        return "Rebalancing: pause when an instance joins/leaves";
    }

    @Override
    public String question() {
        return "How long does processing pause when an instance joins or leaves, and can eager rebalancing be chosen?";
    }

    @Override
    public String setup() {
        return "4 partitions, 200 (quick) or 500 (full) records/s, stateless topology; instance A alone, B joins, "
                + "B leaves (close); 3 s (quick) or 10 s (full) per phase; delay of each record from send to "
                + "processing. Then upgrade.from=2.3 (the last eager version) is tried.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis());
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).process(() -> new Processor<String, String, Void, Void>() {
            @Override
            public void process(Record<String, String> r) {
                timeline.record(r.timestamp());
            }
        });
        Topology topology = b.build();
        long phaseMs = Duration.ofSeconds(mode.pick(3, 10)).toMillis();
        StreamsRunner a = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        long joinAt;
        long leaveAt;
        long joinMs;
        StreamsRunner second;
        SteadyProducer producer = new SteadyProducer(bench, in, mode.pick(200, 500), 100);
        try {
            Thread.sleep(phaseMs); // each phase is a fixed stretch of observed time
            joinAt = timeline.sinceStart();
            second = bench.app(appId, "b", topology, Map.of()).startAndAwaitRunning();
            joinMs = timeline.sinceStart() - joinAt;
            Thread.sleep(phaseMs);
            leaveAt = timeline.sinceStart();
            second.close();
            Thread.sleep(phaseMs);
        } finally {
            producer.close();
        }
        // Records stuck on a partition nobody owns show up only once processed: wait for every one.
        Await.until(Duration.ofMinutes(2), "every record to be processed", () -> timeline.processed() >= producer.produced());
        long baseline = timeline.maxDelay(1_000, joinAt);
        long joinPause = timeline.maxDelay(joinAt, leaveAt);
        long leavePause = timeline.maxDelay(leaveAt, timeline.sinceStart());
        String eager = eagerRefusal(bench);
        out.figure("baselineMaxDelayMs", baseline)
                .figure("joinMaxDelayMs", joinPause)
                .figure("leaveMaxDelayMs", leavePause)
                .figure("secondInstanceMsToRunning", joinMs)
                .figure("rebalancesSeenByA", a.rebalances())
                .figure("eagerProtocol", eager)
                .series(timeline.series("max delay per 100 ms"))
                .verdict(Verdict.WORKS_WITH_COST)
                .headline(String.format("max processing delay %d ms on join, %d ms on leave (baseline %d ms); "
                        + "eager protocol refused", joinPause, leavePause, baseline))
                .conclusion("Cooperative rebalancing (the only protocol left) keeps unaffected partitions "
                        + "processing, so a join or leave costs the moved partitions a pause of about a second or "
                        + "two, not a stop of the world; stateful tasks move only once the new owner has caught up "
                        + "(warm-up replicas, probing rebalances every 10 min). Budget that pause in latency SLOs and "
                        + "avoid frequent membership changes (rolling restarts: static membership).");
    }

    /** Eager rebalancing is what upgrade.from of a pre-2.4 version selects; Kafka Streams 4 rejects it. */
    private static String eagerRefusal(Workbench bench) {
        Properties p = bench.streamsProps("eager-check", "eager", Map.of(StreamsConfig.UPGRADE_FROM_CONFIG, "2.3"));
        try {
            new StreamsConfig(p);
            return "accepted";
        } catch (ConfigException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
