package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * KTable vs GlobalKTable: a GlobalKTable reads its whole topic into every instance before the instance
 * reports RUNNING; a KTable is partitioned and fills while processing.
 */
final class GlobalTableBootstrap implements Experiment {
    @Override
    public String name() {
        return "globalktable-bootstrap";
    }

    @Override
    public String capability() {
        return "Joins: KTable vs GlobalKTable bootstrap";
    }

    @Override
    public String question() {
        return "How long before an instance with a GlobalKTable can process, compared with a KTable?";
    }

    @Override
    public String setup() {
        return "a reference topic of 4 partitions with 20,000 (quick) or 200,000 (full) keys of 100 B; one "
                + "instance with a KTable and one with a GlobalKTable on it; time to RUNNING and to all keys loaded.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(20_000, 200_000);
        String ref = bench.topic("ref", 4);
        bench.produceKeyed(ref, n, n, 100);

        AtomicLong loaded = new AtomicLong();
        StreamsBuilder kt = new StreamsBuilder();
        kt.<String, String>table(ref, Materialized.as("ref-table")).toStream().foreach((k, v) -> loaded.incrementAndGet());
        StreamsRunner table = bench.app(bench.appId("ktable"), "ktable", kt.build(), Map.of());
        long t0 = System.nanoTime();
        table.startAndAwaitRunning();
        double tableRunningMs = (System.nanoTime() - t0) / 1e6;
        Await.until(Duration.ofMinutes(5), "the KTable to load", () -> loaded.get() >= n);
        double tableLoadedMs = (System.nanoTime() - t0) / 1e6;
        table.close();

        StreamsBuilder gt = new StreamsBuilder();
        gt.globalTable(ref, Materialized.as("ref-global"));
        StreamsRunner global = bench.app(bench.appId("global"), "global", gt.build(), Map.of());
        long t1 = System.nanoTime();
        global.startAndAwaitRunning();
        double globalRunningMs = (System.nanoTime() - t1) / 1e6;
        long globalKeys;
        try (var all = global.store("ref-global",
                QueryableStoreTypes.<String, String>keyValueStore(), StreamsRunner.START_TIMEOUT).all()) {
            globalKeys = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(all, 0), false).count();
        }
        out.figure("keys", n)
                .figure("ktableMsToRunning", tableRunningMs)
                .figure("ktableMsToAllLoaded", tableLoadedMs)
                .figure("globalMsToRunning", globalRunningMs)
                .figure("globalKeysPerInstance", globalKeys)
                .series(new Series("ms", "table kind", "ms", List.of(0.0, 1.0, 2.0),
                        List.of(tableRunningMs, tableLoadedMs, globalRunningMs)))
                .verdict(Verdict.WORKS_WITH_COST)
                .headline(String.format("%,d keys: GlobalKTable RUNNING after %.1f s (all loaded); KTable RUNNING "
                        + "after %.1f s, all loaded after %.1f s", n, globalRunningMs / 1000, tableRunningMs / 1000,
                        tableLoadedMs / 1000))
                .conclusion("A GlobalKTable blocks start-up until its whole topic is in every instance (memory and "
                        + "disk times the number of instances, start-up time grows with the topic) but needs no "
                        + "co-partitioning. Keep GlobalKTables to small, slowly changing reference data; large "
                        + "tables belong in a partitioned KTable.");
    }
}
