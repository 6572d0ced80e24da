package dev.streaminglab.ingest;

import java.nio.charset.StandardCharsets;

/**
 * One record as it goes to {@code telemetry.raw}, with what the generator knows about it.
 *
 * @param value the bytes on the wire: JSON of a reading, or deliberately broken bytes
 * @param eventTime the reading's event time in epoch ms (for a bad-JSON record: when it would have been sent)
 * @param clock the generator's event-time clock when the record was made; {@code clock - eventTime} is how far
 *     behind the stream the record is
 */
public record OutgoingRecord(String key, byte[] value, RecordKind kind, long eventTime, long clock) {
    public long behindMillis() {
        return clock - eventTime;
    }

    public String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
