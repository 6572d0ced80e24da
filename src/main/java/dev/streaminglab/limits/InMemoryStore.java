package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.RestoreTimer;
import dev.streaminglab.kafka.StreamsRunner;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

/**
 * In-memory stores live on the JVM heap and keep no local copy: every restart, even a clean one, replays the
 * whole changelog. A RocksDB store restarted cleanly restores nothing.
 */
final class InMemoryStore implements Experiment {
    static final int VALUE_BYTES = 200;

    @Override
    public String name() {
        return "in-memory-store";
    }

    @Override
    public String capability() {
        return "State: in-memory store limits";
    }

    @Override
    public String question() {
        return "What does an in-memory store cost in heap and on restart, compared with RocksDB?";
    }

    @Override
    public String setup() {
        return "1 partition, 20,000 (quick) or 200,000 (full) keys of 200 B into an in-memory and a RocksDB "
                + "store; heap growth measured after GC; then a clean restart of each with its local state kept.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(20_000, 200_000);
        String in = bench.topic("in", 1);
        bench.produceKeyed(in, n, n, VALUE_BYTES);
        long[] memory = run(bench, in, n, true);
        long[] rocks = run(bench, in, n, false);
        double bytesPerKey = memory[1] / (double) n;
        out.figure("keys", n)
                .figure("inMemoryHeapGrowthBytes", memory[1])
                .figure("inMemoryHeapBytesPerKey", bytesPerKey)
                .figure("rocksDbHeapGrowthBytes", rocks[1])
                .figure("inMemoryRestoredOnCleanRestart", memory[0])
                .figure("rocksDbRestoredOnCleanRestart", rocks[0])
                .verdict(Verdict.LIMIT)
                .headline(String.format("in-memory: ~%.0f B heap per 200 B value, %,d records replayed on a clean "
                        + "restart; RocksDB: %,d replayed", bytesPerKey, memory[0], rocks[0]))
                .conclusion("In-memory stores are bounded by the heap (plan for several times the raw data "
                        + "size and GC pauses) and restore their full changelog on every restart, which makes "
                        + "rolling restarts slow. Use them for small, hot state; RocksDB for anything that grows.");
    }

    /** Returns {records restored on a clean restart, heap growth in bytes while filling}. */
    private static long[] run(Workbench bench, String in, int n, boolean inMemory) throws Exception {
        String kind = inMemory ? "memory" : "rocksdb";
        String appId = bench.appId(kind);
        AtomicLong counted = new AtomicLong();
        StreamsBuilder b = new StreamsBuilder();
        var materialized = inMemory
                ? Materialized.<String, String>as(Stores.inMemoryKeyValueStore("latest"))
                : Materialized.<String, String>as(Stores.persistentKeyValueStore("latest"));
        b.<String, String>stream(in).groupByKey().reduce((a, v) -> v, materialized)
                .toStream().foreach((k, v) -> counted.incrementAndGet());
        Topology topology = b.build();
        long heapBefore = usedHeapAfterGc();
        StreamsRunner first = bench.app(appId, kind, topology, Map.of()).startAndAwaitRunning();
        Await.until(Duration.ofMinutes(5), n + " keys to be stored", () -> counted.get() >= n);
        long growth = usedHeapAfterGc() - heapBefore;
        first.close();
        StreamsRunner again = bench.app(appId, kind, topology, Map.of());
        RestoreTimer listener = again.restores();
        again.startAndAwaitRunning();
        again.close();
        return new long[] {listener.restoredRecords(), growth};
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
