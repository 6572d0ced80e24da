package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Failover of a stateful task with and without a standby replica, under both rebalance protocols: the survivor
 * either replays the changelog into a fresh store or promotes the copy it kept up to date. Under the streams
 * protocol the number of standbys is the group's setting on the broker; the client's own is ignored.
 */
final class StandbyFailover implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(5_000, 100_000);
    static final int PARTITIONS = 2;

    private static final About ABOUT = new About("standby-failover", "State: failover with and without standby replicas",
            "How much state must be restored, and how long until the survivor runs both tasks, when an instance "
                    + "leaves?",
            "Without standbys the survivor replays the leaver's whole changelog partition before processing it; "
                    + "with one standby it promotes a warm copy and replays (almost) nothing. Under the streams "
                    + "protocol (KIP-1071) standbys are configured on the group, not the client.",
            "2 partitions, count store over " + KEYS.text() + " distinct keys, two instances; one "
                    + "leaves (close, leaving the group); 0 or 1 standby; classic and streams protocol; records the "
                    + "survivor restores and the time until it runs both tasks.",
            "Use 1 standby where recovery time matters (it doubles state disk and changelog reads); under "
                    + "group.protocol=streams set streams.num.standby.replicas on the group "
                    + "(kafka-configs.sh --entity-type groups).",
            List.of(Source.docs("streams/developer-guide/config-streams", "Streams configuration, num.standby.replicas"),
                    Source.docs("streams/developer-guide/streams-rebalance-protocol", "Streams rebalance protocol"),
                    Source.kip(1071, "Streams Rebalance Protocol")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        int keys = KEYS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm("classic, 0 standby", bench -> once(bench, keys, Protocol.CLASSIC, 0)),
                lab.arm("classic, 1 standby", bench -> once(bench, keys, Protocol.CLASSIC, 1)),
                lab.arm("streams, 0 standby", bench -> once(bench, keys, Protocol.STREAMS, 0)),
                lab.arm("streams, 1 standby", bench -> once(bench, keys, Protocol.STREAMS, 1))));
    }

    private static Take once(Workbench bench, int keys, Protocol protocol, int standbys) {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        AtomicLong counted = new AtomicLong();
        Topology topology = CountByKey.topology(in, counted);
        Map<String, Object> props = new HashMap<>(protocol.config());
        if (protocol == Protocol.STREAMS) {
            bench.groupConfig(appId, Map.of("streams.num.standby.replicas", String.valueOf(standbys)));
        } else {
            props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys);
        }
        StreamsRunner survivor = bench.app(appId, "survivor", topology, props);
        StreamsRunner leaver = bench.app(appId, "leaver", topology, props);
        RestoreTimer restores = survivor.restores();
        survivor.start();
        leaver.start();
        survivor.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
        leaver.awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
        Await.until(StreamsRunner.START_TIMEOUT, "each instance to own one task",
                () -> Tasks.active(survivor) == 1 && Tasks.active(leaver) == 1);
        bench.produceKeyed(in, keys, keys, 50);
        Await.until(Duration.ofMinutes(5), "all records to be counted", () -> counted.get() >= keys);
        if (standbys > 0) {
            Await.until(StreamsRunner.START_TIMEOUT, "the standby task", () -> Tasks.standby(survivor) == 1);
            Await.until(Duration.ofMinutes(2), "the standby to catch up with the changelog",
                    () -> Tasks.storeLag(survivor) == 0);
        }
        long restoredBefore = restores.restoredRecords();
        long t0 = System.nanoTime();
        leaver.close();
        Await.until(Duration.ofMinutes(5), "the survivor to run both tasks",
                () -> Tasks.active(survivor) == 2 && survivor.streams().state() == State.RUNNING);
        return new Take().figure("failoverMs", Timed.millisSince(t0))
                .fact("keys", keys)
                .fact("standbyTasksBeforeFailover", standbys > 0 ? 1 : Tasks.standby(survivor))
                .fact("restoredBySurvivor", restores.restoredRecords() - restoredBefore);
    }

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        for (String protocol : List.of("classic", "streams")) {
            String none = protocol + ", 0 standby";
            String one = protocol + ", 1 standby";
            s.append(s.isEmpty() ? "" : "; ").append(protocol).append(": ")
                    .append(String.format("%,d", e.count(Lab.RUN, none, "restoredBySurvivor")))
                    .append(" records restored in ").append(LimitsReport.format(e.figure(Lab.RUN, none, "failoverMs")))
                    .append(" ms without standby, ").append(String.format("%,d", e.count(Lab.RUN, one,
                            "restoredBySurvivor"))).append(" in ")
                    .append(LimitsReport.format(e.figure(Lab.RUN, one, "failoverMs"))).append(" ms with 1");
        }
        return Finding.of(Verdict.WORKS_WITH_COST, s.toString());
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("ms until the survivor runs both tasks", "failoverMs"));
    }
}
