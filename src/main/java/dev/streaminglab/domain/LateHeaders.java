package dev.streaminglab.domain;

/**
 * The contract of {@link TopicNames#LATE}: the value is the reading, the key the aggregation's key (device or
 * site); these headers (UTF-8 text) say which aggregation refused it and why.
 */
public final class LateHeaders {
    /** The aggregation that found the record late: {@link #DEVICE_1M} or {@link #SITE_1M}. */
    public static final String AGGREGATE = "late.aggregate";
    /** End (epoch ms) of the newest window the record belongs to: closed already. */
    public static final String WINDOW_END = "late.window.end";
    /** The aggregation's stream time (epoch ms) when the record arrived. */
    public static final String STREAM_TIME = "late.stream.time";

    /** Per-device tumbling 1-minute statistics. */
    public static final String DEVICE_1M = "device.1m";
    /** Per-site tumbling 1-minute statistics. */
    public static final String SITE_1M = "site.1m";

    private LateHeaders() {
    }
}
