package dev.streaminglab.engines;

import dev.streaminglab.domain.Windowing;
import java.time.Duration;
import java.time.Instant;

/**
 * The job every engine runs, as constants (docs/evaluation/job.md states it in prose): per-site tumbling windows
 * of {@link #WINDOW} on event time, closed {@link #GRACE} after their end, emitted once when closed; refused and
 * late readings to a dead-letter topic with the reason in header {@link #REASON_HEADER}.
 */
public final class JobSpec {
    public static final Duration WINDOW = Windowing.TUMBLING;
    public static final Duration GRACE = Windowing.GRACE;
    /** Event times outside [min, max) are refused as OUT_OF_RANGE: a clock at 1970 or 2200 must not move time. */
    public static final Instant TIMESTAMP_MIN = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant TIMESTAMP_MAX = Instant.parse("2100-01-01T00:00:00Z");
    public static final String REASON_HEADER = "dlq.reason";

    private JobSpec() {
    }

    public static long windowStart(long eventTime) {
        return Math.floorDiv(eventTime, WINDOW.toMillis()) * WINDOW.toMillis();
    }

    public static long windowEnd(long eventTime) {
        return windowStart(eventTime) + WINDOW.toMillis();
    }

    public static boolean timestampInBounds(long eventTime) {
        return eventTime >= TIMESTAMP_MIN.toEpochMilli() && eventTime < TIMESTAMP_MAX.toEpochMilli();
    }

    /**
     * A reading is late when its window's end is at most stream time minus grace, stream time being the largest
     * event time of the accepted readings before it in its partition ({@link Long#MIN_VALUE} before the first).
     */
    public static boolean late(long eventTime, long streamTime) {
        return streamTime != Long.MIN_VALUE && windowEnd(eventTime) <= streamTime - GRACE.toMillis();
    }

    /** A window is closed, and emitted, once its end is at most the watermark (stream time minus grace). */
    public static boolean closed(long windowEnd, long streamTime) {
        return streamTime != Long.MIN_VALUE && windowEnd <= streamTime - GRACE.toMillis();
    }
}
