package dev.streaminglab.domain;

/** Why the pipeline refused a record; the code travels in the dead letter's headers. */
public enum DeadLetterReason {
    /** The value is not JSON, or not a JSON object. */
    BAD_JSON,
    /** A required field (deviceId, timestamp, seq, temperature, humidity) is absent or null. */
    MISSING_FIELD,
    /** The event time is negative, older than the earliest accepted, or too far ahead ({@link TimestampBounds}). */
    BAD_TIMESTAMP,
    /** A measure lies outside {@link ReadingLimits}. */
    OUT_OF_RANGE,
    /** The device id is not in the registry. */
    UNKNOWN_DEVICE,
    /** The same reading (device, seq and event time) was already processed: a producer retry or a replay. */
    DUPLICATE,
    /** A registry row that does not parse or lacks what enrichment and alerts need (thresholds). */
    BAD_REGISTRY_ROW,
    /** A record a typed topic of the pipeline cannot read (someone wrote to an internal stage's topic by hand). */
    UNREADABLE,
    /** A processor threw on this record: Kafka Streams' processing exception handler kept the application up. */
    PROCESSING_FAILED,
    /** The broker refused a record the pipeline wrote: the production exception handler kept the application up. */
    BROKER_REFUSED
}
