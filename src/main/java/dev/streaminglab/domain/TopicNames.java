package dev.streaminglab.domain;

/** Every topic of the pipeline, in one place; docs/topics.md describes keys and values. */
public final class TopicNames {
    /** Device registry, compacted, key = device id. */
    public static final String DEVICES = "devices";
    /** Readings as devices send them, possibly malformed, key = device id. */
    public static final String TELEMETRY_RAW = "telemetry.raw";
    /** Readings that passed validation. */
    public static final String TELEMETRY_VALID = "telemetry.valid";
    /** Valid readings joined with their device. */
    public static final String TELEMETRY_ENRICHED = "telemetry.enriched";
    /** Everything the pipeline refused, with the reason in headers. */
    public static final String DEAD_LETTER = "telemetry.dlq";
    /** Readings that arrived after their window closed (window end + grace). */
    public static final String LATE = "telemetry.late";
    /** Alerts: threshold breaches, anomalies, silent devices. */
    public static final String ALERTS = "alerts";
    /** Per-device tumbling 1-minute statistics, updated as readings arrive (emit on update). */
    public static final String AGGREGATES_DEVICE_1M = "aggregates.device.1m";
    /** Per-device tumbling 1-minute statistics, one final record per window once it closes (end + grace). */
    public static final String AGGREGATES_DEVICE_1M_FINAL = "aggregates.device.1m.final";
    /** Per-site tumbling 1-minute statistics (emit on update). */
    public static final String AGGREGATES_SITE_1M = "aggregates.site.1m";
    /** Per-site hopping 5-minute statistics advancing every minute (emit on update). */
    public static final String AGGREGATES_SITE_5M = "aggregates.site.5m";

    /** Records Kafka Connect could not convert or write (sink errors, bad registry rows), reason in headers. */
    public static final String CONNECT_DLQ = "connect.dlq";

    private TopicNames() {
    }
}
