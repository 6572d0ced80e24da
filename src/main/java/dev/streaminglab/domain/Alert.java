package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * Something an operator should look at (topic {@link TopicNames#ALERTS}, keyed by device id).
 *
 * @param eventTime epoch milliseconds: the reading's event time, or for {@link Type#SILENT} the wall-clock
 *        time at which the silence was noticed
 * @param value the measure that triggered the alert (for {@link Type#SILENT}: seconds since the last reading)
 */
public record Alert(String deviceId, String site, Type type, Severity severity, long eventTime, double value,
        String message) {
    public static final Serde<Alert> SERDE = JsonSerde.of(Alert.class);
    /**
     * Readings in a row beyond a threshold that make a TEMPERATURE or HUMIDITY alert. One reading out of range is
     * often a glitch of a mote; three in a row (about 1.5 min at the Intel lab's 31 s period) is a trend worth
     * waking someone for.
     */
    public static final int CONSECUTIVE_BREACHES = 3;

    public enum Type {
        /** Temperature above the device's tempMaxC for several readings in a row. */
        TEMPERATURE_HIGH,
        /** Temperature below the device's tempMinC for several readings in a row. */
        TEMPERATURE_LOW,
        /** Humidity above the device's humidityMaxPct for several readings in a row. */
        HUMIDITY_HIGH,
        /** A temperature far from the device's own recent readings (z-score). */
        ANOMALY,
        /** No reading from the device for a while. */
        SILENT
    }

    public enum Severity { WARNING, CRITICAL }
}
