package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * RocksDB's memory lives outside the JVM heap, so -Xmx does not bound it: memtables, block cache and index
 * blocks grow per store (and per partition) as keys are written. Read from Kafka Streams' RocksDB metrics.
 */
final class RocksDbMemory implements Experiment {
    static final int PARTITIONS = 2;
    static final int VALUE_BYTES = 200;
    static final String GROUP = "stream-state-metrics";

    @Override
    public String name() {
        return "rocksdb-memory";
    }

    @Override
    public String capability() {
        return "State: RocksDB memory growth (off-heap)";
    }

    @Override
    public String question() {
        return "How much off-heap memory and disk does a RocksDB store take as it grows?";
    }

    @Override
    public String setup() {
        return "2 partitions (2 RocksDB instances), 40,000 (quick) or 600,000 (full) distinct keys of 200 B, "
                + "written in 10 steps; after each step the RocksDB metrics size-all-mem-tables, block-cache-usage, "
                + "estimate-table-readers-mem and the state folder size on disk.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(40_000, 600_000);
        int steps = 10;
        String in = bench.topic("in", PARTITIONS);
        AtomicLong counted = new AtomicLong();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().reduce((a, v) -> v, Materialized.as("latest"))
                .toStream().foreach((k, v) -> counted.incrementAndGet());
        String appId = bench.appId("app");
        StreamsRunner app = bench.app(appId, "a", b.build(), Map.of()).startAndAwaitRunning();
        Series.Builder offHeap = new Series.Builder("RocksDB memory (MB)", "keys", "MB");
        Series.Builder disk = new Series.Builder("state on disk (MB)", "keys", "MB");
        String payload = "x".repeat(VALUE_BYTES);
        double memMb = 0;
        double diskMb = 0;
        try (KafkaProducer<String, String> producer = bench.producer()) {
            for (int step = 1; step <= steps; step++) {
                for (int i = (step - 1) * n / steps; i < step * n / steps; i++) {
                    producer.send(new ProducerRecord<>(in, "k" + i, payload));
                }
                producer.flush();
                long target = (long) step * n / steps;
                Await.until(Duration.ofMinutes(5), target + " keys stored", () -> counted.get() >= target);
                memMb = (Metrics.sum(app.streams(), GROUP, "size-all-mem-tables")
                        + Metrics.sum(app.streams(), GROUP, "block-cache-usage")
                        + Metrics.sum(app.streams(), GROUP, "estimate-table-readers-mem")) / 1e6;
                diskMb = folderBytes(bench.stateDir("a")) / 1e6;
                offHeap.add(target, memMb);
                disk.add(target, diskMb);
            }
        }
        out.figure("keys", n)
                .figure("rocksDbMemoryMb", memMb)
                .figure("memTablesMb", Metrics.sum(app.streams(), GROUP, "size-all-mem-tables") / 1e6)
                .figure("blockCacheMb", Metrics.sum(app.streams(), GROUP, "block-cache-usage") / 1e6)
                .figure("stateOnDiskMb", diskMb)
                .figure("rawDataMb", (double) n * (VALUE_BYTES + 7) / 1e6)
                .series(offHeap.build())
                .series(disk.build())
                .verdict(Verdict.WORKS_WITH_COST)
                .headline(String.format("%,d keys (%.0f MB raw): %.1f MB off-heap RocksDB memory, %.1f MB on disk",
                        n, n * (VALUE_BYTES + 7) / 1e6, memMb, diskMb))
                .conclusion("Each RocksDB instance (one per store per partition) takes up to 3 x 16 MB memtables "
                        + "plus its block cache and index blocks off the heap, so container memory must cover heap + "
                        + "partitions x stores x that. Bound it with a RocksDBConfigSetter sharing one LRU cache and "
                        + "write-buffer manager across stores, and watch these metrics.");
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
