package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The processing delay when a second instance joins and later leaves, under the classic protocol (cooperative
 * rebalancing, computed by the group leader's client) and the streams protocol (KIP-1071, computed by the broker and
 * delivered on heartbeats), each against the delay of the same records before anything changed: a pause is only a
 * finding where it stands out of that baseline's spread.
 */
final class RebalancePause implements Experiment {
    static final Mode.Size PHASE_SECONDS = new Mode.Size(2, 6);
    static final Mode.Size RATE = new Mode.Size(200, 500);
    static final int PARTITIONS = 4;

    private static final About ABOUT = new About("rebalance-pause", "Rebalancing: pause when an instance joins/leaves",
            "How long does processing pause when an instance joins or leaves, under the classic and the streams "
                    + "rebalance protocol, and can eager rebalancing still be chosen?",
            "A join or leave delays the records of the partitions that move, by the rebalance (classic: cooperative, "
                    + "two rounds; streams protocol: the broker's new target assignment, delivered on heartbeats); "
                    + "partitions that stay keep being processed. The eager protocol (stop the world) can no longer "
                    + "be chosen.",
            "4 partitions, " + RATE.text() + " records/s, stateless topology; instance A alone, B joins "
                    + "(the phase starts once B owns tasks), B leaves (close, leaving the group); " + PHASE_SECONDS.text()
                    + " s per phase; the longest delay from send to processing of the records sent in each phase; "
                    + "group.protocol classic and streams. Then upgrade.from=2.3 (the last eager version) is tried.",
            "Compare the pause with your latency budget; avoid frequent membership changes (static membership for "
                    + "rolling restarts under classic); with the streams protocol a shorter "
                    + "streams.heartbeat.interval.ms on the group shortens it.",
            List.of(Source.kip(429, "Kafka Consumer Incremental Rebalance Protocol"),
                    Source.kip(1071, "Streams Rebalance Protocol"),
                    Source.docs("streams/developer-guide/streams-rebalance-protocol", "Streams rebalance protocol")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Records, for each record, the delay from its send time (its timestamp) to its processing. */
    static Topology topology(String in, LatencyTimeline timeline) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).process(() -> new Processor<String, String, Void, Void>() {
            @Override
            public void process(Record<String, String> r) {
                timeline.record(r.timestamp());
            }
        });
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        Duration phase = Duration.ofSeconds(PHASE_SECONDS.of(lab.mode()));
        int rate = RATE.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm(Protocol.CLASSIC.label(), bench -> once(bench, Protocol.CLASSIC, phase, rate)),
                lab.arm(Protocol.STREAMS.label(), bench -> once(bench, Protocol.STREAMS, phase, rate))));
    }

    private static Take once(Workbench bench, Protocol protocol, Duration phase, int rate) {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        LatencyTimeline timeline = new LatencyTimeline(System.currentTimeMillis());
        Topology topology = topology(in, timeline);
        StreamsRunner a = bench.app(appId, "a", topology, protocol.config()).startAndAwaitRunning();
        long joinAt;
        long leaveAt;
        long joinMs;
        long end;
        SteadyProducer producer = new SteadyProducer(bench, in, rate, 100);
        try {
            Timed.observe(phase);
            joinAt = timeline.sinceStart();
            StreamsRunner second = bench.app(appId, "b", topology, protocol.config()).startAndAwaitRunning();
            // RUNNING is not the end of a join: under the streams protocol tasks arrive on later heartbeats.
            Await.until(StreamsRunner.START_TIMEOUT, "the second instance to own tasks", () -> Tasks.active(second) > 0);
            joinMs = timeline.sinceStart() - joinAt;
            Timed.observe(phase);
            leaveAt = timeline.sinceStart();
            second.close();
            Timed.observe(phase);
            end = timeline.sinceStart();
        } finally {
            producer.close();
        }
        // Records stuck on a partition nobody owns show up only once processed: wait for every one.
        Await.until(Duration.ofMinutes(2), "every record to be processed",
                () -> timeline.processed() >= producer.produced());
        Take take = new Take()
                // The first 500 ms are left out: the producer's connection and first batch are not a baseline.
                .figure("baselineMaxDelayMs", timeline.maxDelay(500, joinAt))
                .figure("joinMaxDelayMs", timeline.maxDelay(joinAt, leaveAt))
                .figure("leaveMaxDelayMs", timeline.maxDelay(leaveAt, end))
                .figure("msUntilSecondInstanceOwnsTasks", joinMs)
                .figure("rebalancesSeenByA", a.rebalances())
                .fact("lostRecords", producer.produced() - timeline.processed());
        return protocol == Protocol.CLASSIC ? take.fact("eagerProtocol", eagerRefusal(bench)) : take;
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

    /** "classic: join 376 [..] ms (noise) ...": a pause counts only where it stands out of its baseline. */
    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        boolean anyPause = false;
        for (Protocol p : Protocol.values()) {
            Spread base = e.figure(Lab.RUN, p.label(), "baselineMaxDelayMs");
            Spread join = e.figure(Lab.RUN, p.label(), "joinMaxDelayMs");
            Spread leave = e.figure(Lab.RUN, p.label(), "leaveMaxDelayMs");
            anyPause |= standsOut(join, base) || standsOut(leave, base);
            s.append(s.isEmpty() ? "" : "; ").append(p.label()).append(": max delay on join ")
                    .append(LimitsReport.format(join)).append(" ms").append(standsOut(join, base) ? "" : " (noise)")
                    .append(", on leave ").append(LimitsReport.format(leave)).append(" ms")
                    .append(standsOut(leave, base) ? "" : " (noise)").append(", baseline ")
                    .append(LimitsReport.format(base)).append(" ms");
        }
        s.append("; eager protocol: ").append(e.text(Lab.RUN, Protocol.CLASSIC.label(), "eagerProtocol")
                .startsWith("ConfigException") ? "refused" : "accepted");
        return Finding.of(anyPause ? Verdict.WORKS_WITH_COST : Verdict.WORKS, s.toString());
    }

    /** Every repetition of the phase above every repetition of the baseline. */
    static boolean standsOut(Spread phase, Spread baseline) {
        return phase.min() > baseline.max();
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("longest processing delay (ms)",
                List.of("baselineMaxDelayMs", "joinMaxDelayMs", "leaveMaxDelayMs")));
    }
}
