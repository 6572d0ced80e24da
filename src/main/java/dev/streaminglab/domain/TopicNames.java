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

    /** Operators' acknowledgements of alerts ({@link Acknowledgement}), keyed by alert id. */
    public static final String ALERT_ACKS = "alerts.acks";

    /** The Streams patterns of {@code process} (notebook 06), one output topic each. */
    public static final String PATTERN_SESSIONS = "patterns.device.sessions";
    public static final String PATTERN_ROLLING_MAX = "patterns.device.max.5m";
    public static final String PATTERN_FINAL_ON_CLOSE = "patterns.device.1m.on-close";
    public static final String PATTERN_FINAL_SUPPRESSED = "patterns.device.1m.suppressed";
    public static final String PATTERN_ENRICHED_AS_OF = "patterns.enriched.as-of";
    public static final String PATTERN_ALERT_RESPONSES = "patterns.alerts.responses";

    /** Records Kafka Connect could not convert or write (sink errors, bad registry rows), reason in headers. */
    public static final String CONNECT_DLQ = "connect.dlq";

    private TopicNames() {
    }
}
