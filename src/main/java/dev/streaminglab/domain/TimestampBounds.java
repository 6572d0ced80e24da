package dev.streaminglab.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which event times validation accepts, shared by validation (which refuses the rest as BAD_TIMESTAMP) and the
 * generator (which breaks them on purpose). A reading's time decides every window it lands in and moves its
 * partition's stream time, so an absurd clock must stop at the edge:
 * <ul>
 * <li><b>negative</b>: always refused; Kafka cannot even stamp a record with it (the pipeline would crash);</li>
 * <li><b>before {@link #earliest}</b>: a device clock that was never set (1970) rather than a reading;</li>
 * <li><b>more than {@link #maxAhead} ahead</b> of the pipeline's clock: Kafka 4 brokers refuse records stamped
 * more than {@code message.timestamp.after.max.ms} (1 h by default, KIP-1030) in the future on the
 * application's internal (CreateTime) topics, and one such reading would also close every window of its
 * partition.</li>
 * </ul>
 *
 * @param earliest the oldest event time accepted
 * @param maxAhead how far ahead of the pipeline's wall clock an event time may lie
 */
public record TimestampBounds(Instant earliest, Duration maxAhead) {
    /** Before any data set the kit replays: the UCI air-quality file starts in March 2004. */
    public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * Under Kafka 4's 1 h broker limit, leaving 10 minutes for the clocks of the pipeline's host and the brokers
     * to differ; wide enough for the generator's own runs, whose event clock may run ahead of the wall clock
     * (100,000 records at full speed end about 31 minutes ahead).
     */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofMinutes(50);
    /** The broker default of {@code log.message.timestamp.after.max.ms} since Kafka 4.0 (KIP-1030). */
    public static final Duration KAFKA_4_BROKER_LIMIT = Duration.ofHours(1);
    public static final TimestampBounds DEFAULT = new TimestampBounds(DEFAULT_EARLIEST, DEFAULT_MAX_AHEAD);

    public TimestampBounds {
        if (earliest.toEpochMilli() < 0) {
            throw new IllegalArgumentException("the earliest event time must not be before 1970 (Kafka refuses "
                    + "negative timestamps), got " + earliest);
        }
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException("the future bound must not be negative, got " + maxAhead);
        }
    }

    /** Why {@code timestamp} is refused when the pipeline's clock reads {@code nowMs}, or empty when accepted. */
    public Optional<String> refusal(long timestamp, long nowMs) {
        if (timestamp < 0) {
            return Optional.of("timestamp " + timestamp + " is negative: Kafka cannot stamp a record with it");
        }
        if (timestamp < earliest.toEpochMilli()) {
            return Optional.of("timestamp " + Instant.ofEpochMilli(timestamp) + " is before " + earliest
                    + ", the earliest event time accepted: a device clock that was never set?");
        }
        long ahead = timestamp - nowMs;
        if (ahead > maxAhead.toMillis()) {
            return Optional.of("timestamp " + Instant.ofEpochMilli(timestamp) + " is " + minutes(ahead)
                    + " ahead of the pipeline's clock, more than the " + minutes(maxAhead.toMillis()) + " allowed");
        }
        return Optional.empty();
    }

    private static String minutes(long ms) {
        return ms % 60_000 == 0 ? ms / 60_000 + " min" : String.format("%.1f min", ms / 60_000.0);
    }
}
