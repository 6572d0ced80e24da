package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.WindowStore;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * RocksDB's memory lives outside the JVM heap, so -Xmx does not bound it, and every RocksDB instance has its own:
 * one per store per partition, and a window store has one per time segment. Unbounded, memtables and block caches
 * add up instance by instance; a {@link RocksDBConfigSetter} that gives every instance one shared LRU cache with a
 * write-buffer manager charging memtables to it keeps the total within the cache's capacity.
 */
final class RocksDbMemory implements Experiment {
    static final Mode.Size KEYS = new Mode.Size(20_000, 300_000);
    static final int PARTITIONS = 2;
    static final int VALUE_BYTES = 200;
    /** Window size and retention: a segment is half the retention, so each partition's store has 3 segments. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration RETENTION = Duration.ofMinutes(20);
    /** Event time spread of the keys: they fill every segment of the retention. */
    static final Duration SPREAD = Duration.ofMinutes(19);
    static final String GROUP = "stream-state-metrics";
    static final int STEPS = 10;

    private static final About ABOUT = new About("rocksdb-memory", "State: RocksDB memory (off-heap), unbounded vs bounded",
            "How much off-heap memory do RocksDB stores take, and can it be bounded?",
            "Each RocksDB instance (per store, per partition, per window-store segment) has its own memtables and "
                    + "block cache off the heap, so the total grows with instances and data and -Xmx does not cover "
                    + "it. A RocksDBConfigSetter sharing one LRU cache and write-buffer manager bounds it.",
            "2 partitions, a 1 min window count with 20 min retention (segments of 10 min) over "
                    + KEYS.text() + " keys of 200 B spread over 19 min of event time, written in 10 steps; memory "
                    + "read after each step from the RocksDB metrics (unbounded) or from the shared cache (bounded, "
                    + "8 MB with 4 MB for memtables).",
            "Set rocksdb.config.setter to a class that shares one Cache and WriteBufferManager between all stores "
                    + "(as BoundedMemory here), size container memory as heap + that bound + overhead, and watch "
                    + "the RocksDB metrics.",
            List.of(Source.docs("streams/developer-guide/memory-mgmt", "Memory management, RocksDB"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, rocksdb.config.setter"),
                    Source.kip(607, "Add Metrics to Kafka Streams to Report Properties of RocksDB")));

    /** One cache and write-buffer manager for every RocksDB instance of the JVM: the bound holds for all of them. */
    public static final class BoundedMemory implements RocksDBConfigSetter {
        static final long CACHE_BYTES = 8L * 1024 * 1024;
        static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
        static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            table.setBlockCache(CACHE);
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            options.setWriteBufferManager(WRITE_BUFFERS);
            options.setTableFormatConfig(table);
        }

        @Override
        public void close(String storeName, Options options) {
            // The cache and the write-buffer manager are shared: they outlive every store.
        }

        static long usage() {
            return CACHE.getUsage();
        }
    }

    @Override
    public About about() {
        return ABOUT;
    }

    static Topology topology(String in, AtomicLong counted) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts").withRetention(RETENTION))
                .toStream().foreach((k, v) -> counted.incrementAndGet());
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int keys = KEYS.of(lab.mode());
        return lab.rows(lab.trials(
                lab.arm("unbounded", bench -> once(bench, keys, false)),
                lab.arm("bounded, shared 8 MB", bench -> once(bench, keys, true))));
    }

    private static Take once(Workbench bench, int keys, boolean bounded) {
        String in = bench.topic("in", PARTITIONS);
        AtomicLong counted = new AtomicLong();
        Map<String, Object> config = bounded
                ? Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemory.class) : Map.of();
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, counted), config).startAndAwaitRunning();
        String payload = "x".repeat(VALUE_BYTES);
        long base = System.currentTimeMillis() - SPREAD.toMillis();
        long maxBytes = 0;
        try (KafkaProducer<String, String> producer = bench.producer()) {
            for (int step = 1; step <= STEPS; step++) {
                for (int i = (step - 1) * keys / STEPS; i < step * keys / STEPS; i++) {
                    producer.send(new ProducerRecord<>(in, null, base + i * SPREAD.toMillis() / keys, "k" + i,
                            payload));
                }
                producer.flush();
                long target = (long) step * keys / STEPS;
                Await.until(Duration.ofMinutes(5), target + " keys stored", () -> counted.get() >= target);
                maxBytes = Math.max(maxBytes, bounded ? BoundedMemory.usage() : unboundedBytes(app));
            }
        }
        return new Take().figure("offHeapMb", maxBytes / 1e6)
                .figure("stateOnDiskMb", folderBytes(bench.stateDir("a")) / 1e6)
                .fact("keys", keys)
                .fact("rocksDbInstances", instances(bench.stateDir("a")))
                .fact("boundMb", bounded ? BoundedMemory.CACHE_BYTES / 1e6 : "none")
                .fact("withinBound", !bounded || maxBytes <= BoundedMemory.CACHE_BYTES);
    }

    /** Memtables, block caches and index blocks of every instance, as Kafka Streams' RocksDB metrics sum them. */
    private static long unboundedBytes(StreamsRunner app) {
        return (long) (Metrics.sum(app.streams(), GROUP, "size-all-mem-tables")
                + Metrics.sum(app.streams(), GROUP, "block-cache-usage")
                + Metrics.sum(app.streams(), GROUP, "estimate-table-readers-mem"));
    }

    /** RocksDB instances in a state folder: each keeps a CURRENT file. */
    private static long instances(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals("CURRENT")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long folderBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Finding read(Evidence e) {
        String unbounded = "unbounded";
        String bounded = "bounded, shared 8 MB";
        return new Finding(Verdict.WORKS_WITH_COST, String.format("%,d keys in %d RocksDB instances: ",
                e.count(Lab.RUN, unbounded, "keys"), e.count(Lab.RUN, unbounded, "rocksDbInstances"))
                + LimitsReport.format(e.figure(Lab.RUN, unbounded, "offHeapMb")) + " MB off-heap unbounded (at most, "
                + "over 10 steps), " + LimitsReport.format(e.figure(Lab.RUN, unbounded, "stateOnDiskMb")) + " MB on disk",
                "with one shared 8 MB cache and write-buffer manager the instances used at most "
                        + LimitsReport.format(e.figure(Lab.RUN, bounded, "offHeapMb")) + " MB (within the bound: "
                        + e.flag(Lab.RUN, bounded, "withinBound") + ")");
    }

    @Override
    public Optional<ChartSpec> chart() {
        return Optional.of(new ChartSpec("RocksDB off-heap memory (MB, max over the run)", "offHeapMb"));
    }
}
