package dev.streaminglab.engines;

/**
 * Why the job sends a record to its dead-letter topic, in the order the checks run: the first that applies is
 * the reason (docs/evaluation/job.md).
 */
public enum JobReason {
    /** Not a JSON object (cut short, plain text, an array, empty, null), or a field of the wrong type. */
    BAD_JSON,
    /** deviceId (non-blank), timestamp, seq, temperature or humidity absent or null. */
    MISSING_FIELD,
    /** A measure outside its range, or an event time outside [2000, 2100). */
    OUT_OF_RANGE,
    /** The device is not in the registry. */
    UNKNOWN_DEVICE,
    /** Accepted, but its window had closed: its end was at most stream time minus grace. */
    LATE
}
