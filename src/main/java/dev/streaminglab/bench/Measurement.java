package dev.streaminglab.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a benchmark run: which suite and case, which implementation (the kit's code or one of Kafka's
 * tools), the parameters that define the case and the measured numbers. Every row has the same columns
 * ({@link #COLUMNS}) so that results.csv reads as one table; a column that does not apply stays empty.
 */
public final class Measurement {
    /** Parameters: what was asked for. */
    public static final List<String> PARAMS = List.of("axis", "record_size", "acks", "linger_ms", "batch_size",
            "compression", "payload", "partitions", "nodes", "replication", "load_fraction", "target_rate", "stage", "guarantee",
            "store", "threads", "store_records", "records", "repetitions");
    /** Metrics: what was measured. MB is 2^20 bytes, as in Kafka's own tools. */
    public static final List<String> METRICS = List.of("seconds", "records_per_sec", "mb_per_sec", "lat_avg_ms",
            "lat_p50_ms", "lat_p95_ms", "lat_p99_ms", "lat_p999_ms", "lat_max_ms", "restore_ms", "spread_pct");
    public static final List<String> KEYS = List.of("suite", "name", "implementation");
    public static final List<String> COLUMNS = concat(KEYS, PARAMS, METRICS);

    private final String suite;
    private final String name;
    private final String implementation;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    public Measurement(String suite, String name, String implementation) {
        this.suite = suite;
        this.name = name;
        this.implementation = implementation;
    }

    public Measurement param(String key, Object value) {
        if (!PARAMS.contains(key)) {
            throw new IllegalArgumentException("unknown parameter column " + key + " (known: " + PARAMS + ")");
        }
        params.put(key, value);
        return this;
    }

    public Measurement params(Map<String, ?> values) {
        values.forEach(this::param);
        return this;
    }

    public Measurement metric(String key, double value) {
        if (!METRICS.contains(key)) {
            throw new IllegalArgumentException("unknown metric column " + key + " (known: " + METRICS + ")");
        }
        metrics.put(key, value);
        return this;
    }

    /** Throughput and, when measured, latency percentiles of a run. */
    public Measurement stats(RunStats s) {
        metric("seconds", s.seconds());
        metric("records_per_sec", s.recordsPerSec());
        metric("mb_per_sec", s.mbPerSec());
        param("records", s.records());
        s.latency().ifPresent(this::latency);
        return this;
    }

    /**
     * Several runs of one case: the figures of the run with the median throughput (its latency included, so
     * the figures of a row belong together) and how far apart the runs lay, (max − min) ÷ median, in percent.
     */
    public Measurement repeated(List<RunStats> runs) {
        List<RunStats> sorted = runs.stream().sorted(Comparator.comparingDouble(RunStats::recordsPerSec)).toList();
        RunStats median = sorted.get(sorted.size() / 2);
        param("repetitions", runs.size());
        metric("spread_pct", 100 * (sorted.get(sorted.size() - 1).recordsPerSec() - sorted.get(0).recordsPerSec())
                / median.recordsPerSec());
        return stats(median);
    }

    public Measurement latency(LatencySummary l) {
        metric("lat_avg_ms", l.avgMs());
        metric("lat_p50_ms", l.p50Ms());
        l.p95Ms().ifPresent(v -> metric("lat_p95_ms", v));
        metric("lat_p99_ms", l.p99Ms());
        metric("lat_p999_ms", l.p999Ms());
        l.maxMs().ifPresent(v -> metric("lat_max_ms", v));
        return this;
    }

    public String suite() {
        return suite;
    }

    public String name() {
        return name;
    }

    public String implementation() {
        return implementation;
    }

    public Map<String, Object> params() {
        return params;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The cell of a column as text; empty when the column does not apply to this row. */
    public String cell(String column) {
        return switch (column) {
            case "suite" -> suite;
            case "name" -> name;
            case "implementation" -> implementation;
            default -> {
                Object v = params.containsKey(column) ? params.get(column) : metrics.get(column);
                yield v == null ? "" : String.valueOf(v);
            }
        };
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
