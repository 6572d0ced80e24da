package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.util.List;

/**
 * How much a benchmark run does. {@link #QUICK} checks that every suite runs and writes well-formed results
 * in under three minutes on a loaded 2-core machine (its numbers mean little); {@link #FULL} is for real
 * measurement on a quiet machine.
 *
 * <p>The producer sweep varies one axis at a time around a baseline (100 B, acks=1, the 4.x client defaults
 * linger.ms=5 and batch.size=16384, no compression, 3 partitions), so each chart isolates one knob.
 *
 * @param producerRecords records per producer run (fewer for large records, see {@link #recordsFor})
 * @param producerBytes upper bound on the bytes of one producer run, so 10 KB records do not take forever
 * @param e2eSeconds how long each load level of the end-to-end suite runs
 * @param e2eToolRecords round trips of Kafka's EndToEndLatency (one record in flight at a time)
 * @param streamsRecords input records each Streams stage processes from a full topic (throughput)
 * @param streamsLiveRate records/s sent while a stage runs live (latency)
 * @param comparedStages stages also run with exactly-once, in-memory stores and two threads
 * @param restoreSizes store sizes (distinct keys) whose restore time is measured
 * @param repetitions runs of each producer comparison and each Streams variant; rows hold the median run
 */
public record Profile(String name, long producerRecords, long producerBytes, List<Integer> recordSizes,
        List<String> acks, List<LingerBatch> lingerBatch, List<String> compression, List<Integer> partitions,
        long consumerRecords, List<Integer> consumerRecordSizes, List<Double> loadFractions, int e2eSeconds,
        int e2eToolRecords, long streamsRecords, int streamsLiveRate, int streamsLiveSeconds,
        List<String> comparedStages, List<Integer> restoreSizes, List<String> restoreStores, long replicationRecords,
        int repetitions) {

    public record LingerBatch(int lingerMs, int batchSize) {
    }

    public static final int BASE_RECORD_SIZE = 100;
    public static final String BASE_ACKS = "1";
    public static final LingerBatch BASE_LINGER_BATCH = new LingerBatch(5, 16_384);
    public static final String BASE_COMPRESSION = "none";
    public static final int BASE_PARTITIONS = 3;

    public static final Profile QUICK = new Profile("quick", 20_000, 20_000_000, List.of(10_000), List.of(),
            List.of(), List.of("lz4"), List.of(), 50_000, List.of(100), List.of(0.1, 0.5, 0.9), 1,
            200, 5_000, 500, 1, List.of("pipeline"), List.of(2_000), List.of("rocksdb"), 10_000, 1);

    public static final Profile FULL = new Profile("full", 1_000_000, 500_000_000,
            List.of(300, 1_000, 3_000, 10_000), List.of("0", "all"),
            List.of(new LingerBatch(0, 16_384), new LingerBatch(20, 262_144)), List.of("lz4", "zstd"), List.of(1, 6),
            2_000_000, List.of(100, 1_000), List.of(0.1, 0.5, 0.9), 30, 5_000, 300_000, 2_000,
            20, List.of("passthrough", "windowed-aggregates", "pipeline"),
            List.of(10_000, 100_000, 500_000), List.of("rocksdb", "in_memory"), 1_000_000, 3);

    public static Profile named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new LabException("unknown profile '" + name + "': use quick or full");
        };
    }

    /** Records for one producer run of this record size: the profile's count, capped by its byte budget. */
    public long recordsFor(int recordSize) {
        return Math.max(1_000, Math.min(producerRecords, producerBytes / recordSize));
    }

    /** The first fifth of a run warms up the JVM and the brokers and is left out of the statistics. */
    public static long warmupFor(long records) {
        return records / 5;
    }
}
