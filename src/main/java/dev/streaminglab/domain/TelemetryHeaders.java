package dev.streaminglab.domain;

/**
 * Headers the pipeline carries on readings between stages ({@link TopicNames#TELEMETRY_VALID},
 * {@link TopicNames#TELEMETRY_ENRICHED}), UTF-8 text like every header of the kit. docs/topics.md lists them.
 */
public final class TelemetryHeaders {
    /**
     * When the reading entered Kafka (epoch ms): the time of its record on {@link TopicNames#TELEMETRY_RAW}, which
     * the broker stamps (LogAppendTime). Event time says when a device measured; this says when the pipeline could
     * first have known, which is what silence is measured by.
     */
    public static final String INGESTED_AT = "lab.ingested.at";

    private TelemetryHeaders() {
    }
}
