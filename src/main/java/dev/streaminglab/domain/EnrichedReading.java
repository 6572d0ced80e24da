package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * A valid reading joined with its device (topic {@link TopicNames#TELEMETRY_ENRICHED}, keyed by device id).
 * Flat rather than nested, so a dashboard or kcat user reads one level of JSON; thresholds are copied from the
 * registry row current at join time, which is what alerting must compare against.
 *
 * @param timestamp event time in epoch milliseconds, from the device
 * @param x metres from the lab's upper-right corner, as in {@link Device}
 */
public record EnrichedReading(String deviceId, long timestamp, long seq, double temperature, double humidity,
        Double light, Double voltage, String site, String room, double x, double y, double tempMinC,
        double tempMaxC, double humidityMaxPct) {
    public static final Serde<EnrichedReading> SERDE = JsonSerde.of(EnrichedReading.class);

    /** A device registered without a site still needs a key for per-site statistics. */
    public static final String NO_SITE = "unassigned";

    /** Joins a reading that passed validation (no required field null) with its registry row. */
    public static EnrichedReading of(Reading r, Device d) {
        return new EnrichedReading(r.deviceId(), r.timestamp(), r.seq(), r.temperature(), r.humidity(), r.light(),
                r.voltage(), d.site() == null ? NO_SITE : d.site(), d.room(), d.x(), d.y(), d.tempMinC(), d.tempMaxC(), d.humidityMaxPct());
    }
}
