package dev.streaminglab.limits;

import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KTable;

/**
 * A foreign-key table-table join: readings (keyed by reading id) carry a device id; devices are keyed by device id.
 * It works without co-partitioning, and a change on the device side re-emits every reading that points at it, at
 * the price of internal subscription topics.
 */
final class ForeignKeyJoin implements Experiment {
    static final Mode.Size READINGS = new Mode.Size(200, 5_000);
    static final int DEVICES = 10;

    private static final About ABOUT = new About("foreign-key-join", "Joins: foreign-key KTable-KTable join",
            "Can two tables keyed differently be joined, and what does an update on the referenced side cost?",
            "Foreign-key joins need no co-partitioning and stay consistent on updates of either side, but add "
                    + "subscription and response topics and a store, and an update of a referenced row fans out to "
                    + "every row that references it.",
            "readings table (4 partitions, 200 quick / 5,000 full readings, value = device id) FK-joined with a "
                    + "devices table (2 partitions, 10 devices); then one device changes its site.",
            "Use them for slowly changing references; for a small, static side a GlobalKTable is cheaper.",
            List.of(Source.kip(213, "Support non-key joining in KTable"),
                    Source.docs("streams/developer-guide/dsl-api", "Streams DSL, KTable-KTable foreign-key join")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Readings joined to their device's site through the foreign key in the reading's value: "device@site". */
    static Topology topology(String readings, String devices, String joined) {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> deviceTable = b.table(devices);
        b.<String, String>table(readings).join(deviceTable, deviceId -> deviceId, (dev, site) -> dev + "@" + site)
                .toStream().to(joined);
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = READINGS.of(lab.mode());
        return lab.rows(lab.trials(lab.arm("1 device updated", bench -> once(bench, n))));
    }

    private static Take once(Workbench bench, int n) {
        String readings = bench.topic("readings", 4);
        String devices = bench.topic("devices", 2);
        String joined = bench.topic("joined", 1);
        String appId = bench.appId("app");
        bench.app(appId, "a", topology(readings, devices, joined), Map.of()).startAndAwaitRunning();
        bench.produce(devices, IntStream.range(0, DEVICES).mapToObj(i -> Rec.of("d" + i, "site-1", 0)).toList());
        bench.produce(readings, IntStream.range(0, n).mapToObj(i -> Rec.of("r" + i, "d" + (i % DEVICES), 0)).toList());
        bench.read(joined, n, Duration.ofSeconds(60));
        long t1 = System.nanoTime();
        bench.produce(devices, List.of(Rec.of("d0", "site-2", 1)));
        var all = bench.read(joined, n + n / DEVICES, Duration.ofSeconds(60));
        long updateMs = Timed.millisSince(t1);
        List<String> internal = bench.internalTopics(appId);
        return new Take().figure("updatePropagationMs", updateMs)
                .fact("readings", n)
                .fact("reEmittedAfterDeviceUpdate", all.size() - n)
                .fact("reEmittedWithNewSite", all.stream().skip(n).filter(r -> r.value().equals("d0@site-2")).count())
                .fact("internalTopics", internal.size())
                .fact("subscriptionTopics", internal.stream().filter(t -> t.contains("SUBSCRIPTION")).count());
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "1 device updated";
        return Finding.of(Verdict.WORKS_WITH_COST, "1 device update re-emitted " + e.count(Lab.RUN, arm,
                "reEmittedAfterDeviceUpdate") + " joined rows in " + LimitsReport.format(e.figure(Lab.RUN, arm,
                "updatePropagationMs")) + " ms; " + e.count(Lab.RUN, arm, "internalTopics") + " internal topics ("
                + e.count(Lab.RUN, arm, "subscriptionTopics") + " for subscriptions)");
    }
}
