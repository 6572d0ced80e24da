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

    private TopicNames() {
    }
}
