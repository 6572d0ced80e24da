package dev.streaminglab.domain;

import java.time.Duration;

/**
 * The pipeline's time model, shared by the aggregations and by the generator (which must know how late is
 * "too late" to produce such records on purpose).
 */
public final class Windowing {
    /** Tumbling windows per device and per site. */
    public static final Duration TUMBLING = Duration.ofMinutes(1);
    /** Hopping windows per site: 5 minutes wide, a new one every minute. */
    public static final Duration HOPPING_SIZE = Duration.ofMinutes(5);
    public static final Duration HOPPING_ADVANCE = Duration.ofMinutes(1);
    /** How long after its end a window still accepts out-of-order records. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private Windowing() {
    }
}
