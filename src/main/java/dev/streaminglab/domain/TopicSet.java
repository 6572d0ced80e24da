package dev.streaminglab.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics one pipeline reads and writes, and how each is made. Names come from {@link TopicNames}, behind an
 * optional prefix: the same topologies run on the {@link #STANDARD} names and, in the benchmark, on a prefixed
 * copy per run that never shares data with another. docs/topics.md describes every topic.
 *
 * @param renamed topics read from (or written to) a topic outside the prefix, by standard name: a benchmark's
 *     input, filled once and read by every run, each run writing to topics of its own
 */
public record TopicSet(String prefix, Map<String, String> renamed) {
    public static final TopicSet STANDARD = new TopicSet("");

    public TopicSet {
        renamed = Map.copyOf(renamed);
    }

    public TopicSet(String prefix) {
        this(prefix, Map.of());
    }

    /**
     * Telemetry and result topics: 3 partitions, so up to 3 instances or threads share each sub-topology's work
     * (the per-partition stream time of windows also makes fewer, busier partitions close windows sooner). On two
     * cores more would only add overhead.
     */
    public static final int PARTITIONS = 3;
    /** The registry is read whole by every instance (a global table): one partition is enough. */
    public static final int DEVICE_PARTITIONS = 1;
    /** Seven days, Kafka's default, stated so a reader need not know it: room to replay a week. */
    public static final String RETENTION_MS = Long.toString(7L * 24 * 3600 * 1000);

    /** The same names with {@code more} added to the prefix, e.g. "bench-7." before "telemetry.raw". */
    public TopicSet prefixed(String more) {
        return new TopicSet(prefix + more, renamed);
    }

    /** The same set, with the topic of standard name {@code standardName} (a {@link TopicNames} constant) at {@code topic}. */
    public TopicSet withTopic(String standardName, String topic) {
        Map<String, String> r = new HashMap<>(renamed);
        r.put(standardName, topic);
        return new TopicSet(prefix, r);
    }

    private String name(String standardName) {
        return renamed.getOrDefault(standardName, prefix + standardName);
    }

    public String devices() {
        return name(TopicNames.DEVICES);
    }

    public String raw() {
        return name(TopicNames.TELEMETRY_RAW);
    }

    public String valid() {
        return name(TopicNames.TELEMETRY_VALID);
    }

    public String enriched() {
        return name(TopicNames.TELEMETRY_ENRICHED);
    }

    public String deadLetter() {
        return name(TopicNames.DEAD_LETTER);
    }

    public String late() {
        return name(TopicNames.LATE);
    }

    public String alerts() {
        return name(TopicNames.ALERTS);
    }

    public String device1m() {
        return name(TopicNames.AGGREGATES_DEVICE_1M);
    }

    public String device1mFinal() {
        return name(TopicNames.AGGREGATES_DEVICE_1M_FINAL);
    }

    public String site1m() {
        return name(TopicNames.AGGREGATES_SITE_1M);
    }

    public String site5m() {
        return name(TopicNames.AGGREGATES_SITE_5M);
    }

    public String alertAcks() {
        return name(TopicNames.ALERT_ACKS);
    }

    public String sessions() {
        return name(TopicNames.PATTERN_SESSIONS);
    }

    public String rollingMax() {
        return name(TopicNames.PATTERN_ROLLING_MAX);
    }

    public String finalOnClose() {
        return name(TopicNames.PATTERN_FINAL_ON_CLOSE);
    }

    public String finalSuppressed() {
        return name(TopicNames.PATTERN_FINAL_SUPPRESSED);
    }

    public String enrichedAsOf() {
        return name(TopicNames.PATTERN_ENRICHED_AS_OF);
    }

    public String alertResponses() {
        return name(TopicNames.PATTERN_ALERT_RESPONSES);
    }

    /**
     * Every topic of the pipeline but the registry: telemetry between stages, dead letters, late records and
     * results. The patterns' topics are not the pipeline's: notebook 06 runs them on TopologyTestDriver.
     */
    public List<String> data() {
        return List.of(raw(), valid(), enriched(), deadLetter(), late(), alerts(), device1m(), device1mFinal(),
                site1m(), site5m());
    }

    /** The registry, then {@link #data()}. */
    public List<String> all() {
        return Stream.concat(Stream.of(devices()), data().stream()).toList();
    }

    /** How every topic of the set is made: the registry, then the data topics. */
    public List<TopicSpec> specs() {
        return Stream.concat(Stream.of(registry(devices())), data().stream().map(TopicSet::data)).toList();
    }

    /** A registry topic under any name: compacted, so the latest row per device is the registry. */
    public static TopicSpec registry(String name) {
        return TopicSpec.of(name, DEVICE_PARTITIONS)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    /**
     * A telemetry or result topic under any name. Its record timestamps are the broker's write time: every stage
     * reads event time from the payload, and time-based retention must count from the write, or replayed
     * readings from 2004 (or a test's fixed past) would be deleted at the broker's next retention check.
     */
    public static TopicSpec data(String name) {
        return TopicSpec.of(name, PARTITIONS).config(TopicConfig.RETENTION_MS_CONFIG, RETENTION_MS)
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
    }
}
