package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * A sensor device in the registry (reference data, topic {@link TopicNames#DEVICES}, keyed by device id).
 * Thresholds travel with the device so that alerting needs no second lookup.
 *
 * @param x metres from the lab's upper-right corner (Intel Berkeley lab layout), or 0 when unknown
 * @param tempMaxC a reading above this temperature breaches the device's threshold
 */
public record Device(String deviceId, String site, String room, String sensorType, double x, double y,
        double tempMinC, double tempMaxC, double humidityMaxPct) {
    public static final Serde<Device> SERDE = JsonSerde.of(Device.class);
}
