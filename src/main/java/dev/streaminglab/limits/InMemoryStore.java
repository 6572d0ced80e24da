package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

/**
 * In-memory stores live on the JVM heap and keep no local copy: every restart, even a clean one, replays the whole
 * changelog. A RocksDB store restarted cleanly restores nothing.
 */
final class InMemoryStore implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(20_000, 200_000);
    static final int VALUE_BYTES = 200;
    static final String STORE = "latest";

    private static final About ABOUT = new About("in-memory-store", "State: in-memory store limits",
            "What does an in-memory store cost in heap and on restart, compared with RocksDB?",
            "An in-memory store is bounded by the heap (several times the raw data) and restores its whole "
                    + "changelog on every restart, clean ones included; RocksDB keeps its data on disk across a clean "
                    + "restart.",
            "1 partition, " + KEYS.text() + " keys of 200 B into an in-memory and a RocksDB store; heap "
                    + "growth measured after GC; then a clean restart of each with its local state kept.",
            "Use in-memory stores for small, hot state; RocksDB for anything that grows or must restart fast.",
            List.of(Source.docs("streams/developer-guide/processor-api", "Processor API, state stores"),
                    Source.docs("streams/developer-guide/memory-mgmt", "Memory management")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** The latest value per key in store {@value #STORE}, in memory or in RocksDB. */
    static Topology topology(String in, boolean inMemory, AtomicLong counted) {
        StreamsBuilder b = new StreamsBuilder();
        var materialized = inMemory
                ? Materialized.<String, String>as(Stores.inMemoryKeyValueStore(STORE))
                : Materialized.<String, String>as(Stores.persistentKeyValueStore(STORE));
        b.<String, String>stream(in).groupByKey().reduce((a, v) -> v, materialized)
                .toStream().foreach((k, v) -> counted.incrementAndGet());
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int keys = KEYS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm("in-memory", bench -> once(bench, keys, true)),
                lab.arm("RocksDB", bench -> once(bench, keys, false))));
    }

    private static Take once(Workbench bench, int keys, boolean inMemory) {
        String in = bench.topic("in", 1);
        bench.produceKeyed(in, keys, keys, VALUE_BYTES);
        String appId = bench.appId("app");
        AtomicLong counted = new AtomicLong();
        Topology topology = topology(in, inMemory, counted);
        long heapBefore = usedHeapAfterGc();
        StreamsRunner first = bench.app(appId, "a", topology, Map.of()).startAndAwaitRunning();
        Await.until(Duration.ofMinutes(5), keys + " keys to be stored", () -> counted.get() >= keys);
        long growth = usedHeapAfterGc() - heapBefore;
        first.close();
        StreamsRunner again = bench.app(appId, "a", topology, Map.of());
        RestoreTimer restores = again.restores();
        long t0 = System.nanoTime();
        again.startAndAwaitRunning();
        return new Take().figure("heapBytesPerKey", growth / (double) keys)
                .figure("cleanRestartMsToRunning", Timed.millisSince(t0))
                .fact("keys", keys)
                .fact("restoredOnCleanRestart", restores.restoredRecords());
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public Finding read(Evidence e) {
        return Finding.of(Verdict.LIMIT, "in-memory: " + LimitsReport.format(e.figure(Lab.RUN, "in-memory",
                "heapBytesPerKey")) + " B of heap per 200 B value, " + String.format("%,d", e.count(Lab.RUN,
                "in-memory", "restoredOnCleanRestart")) + " records replayed on a clean restart; RocksDB: "
                + String.format("%,d", e.count(Lab.RUN, "RocksDB", "restoredOnCleanRestart")) + " replayed");
    }
}
