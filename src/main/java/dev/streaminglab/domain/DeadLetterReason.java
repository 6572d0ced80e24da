package dev.streaminglab.domain;

/** Why the pipeline refused a record; the code travels in the dead letter's headers. */
public enum DeadLetterReason {
    /** The value is not JSON, or not a JSON object. */
    BAD_JSON,
    /** A required field (deviceId, timestamp, seq, temperature, humidity) is absent or null. */
    MISSING_FIELD,
    /** A measure lies outside {@link ReadingLimits}. */
    OUT_OF_RANGE,
    /** The device id is not in the registry. */
    UNKNOWN_DEVICE,
    /** A row of the device registry file that does not parse (Connect's registry source). */
    BAD_REGISTRY_ROW
}
