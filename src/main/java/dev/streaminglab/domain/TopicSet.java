package dev.streaminglab.domain;

import java.util.List;
import java.util.stream.Stream;

/**
 * The topics one pipeline reads and writes. Every stage is built on a set, so the same topologies run on the
 * {@link #STANDARD} names ({@link TopicNames}) and, in the benchmark, on a prefixed copy per run that never
 * shares data with another.
 */
public record TopicSet(String devices, String raw, String valid, String enriched, String deadLetter, String late,
        String alerts, String device1m, String device1mFinal, String site1m, String site5m) {
    public static final TopicSet STANDARD = new TopicSet(TopicNames.DEVICES, TopicNames.TELEMETRY_RAW,
            TopicNames.TELEMETRY_VALID, TopicNames.TELEMETRY_ENRICHED, TopicNames.DEAD_LETTER, TopicNames.LATE,
            TopicNames.ALERTS, TopicNames.AGGREGATES_DEVICE_1M, TopicNames.AGGREGATES_DEVICE_1M_FINAL,
            TopicNames.AGGREGATES_SITE_1M, TopicNames.AGGREGATES_SITE_5M);

    /** The same set with {@code prefix} before every name, e.g. "bench-7." + "telemetry.raw". */
    public TopicSet prefixed(String prefix) {
        return new TopicSet(prefix + devices, prefix + raw, prefix + valid, prefix + enriched, prefix + deadLetter,
                prefix + late, prefix + alerts, prefix + device1m, prefix + device1mFinal, prefix + site1m,
                prefix + site5m);
    }

    /** Every topic but the registry: telemetry between stages, dead letters, late records and results. */
    public List<String> data() {
        return List.of(raw, valid, enriched, deadLetter, late, alerts, device1m, device1mFinal, site1m, site5m);
    }

    /** The registry, then {@link #data()}. */
    public List<String> all() {
        return Stream.concat(Stream.of(devices), data().stream()).toList();
    }
}
