package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * One telemetry reading as a device sends it (topic {@link TopicNames#TELEMETRY_RAW}, keyed by device id).
 * Measures are boxed: a sensor without a light or voltage channel leaves them null, and validation decides
 * which absences are errors.
 *
 * @param timestamp event time in epoch milliseconds, set by the device (not by Kafka)
 * @param seq the device's own sequence number, to spot gaps and duplicates
 */
public record Reading(String deviceId, Long timestamp, Double temperature, Double humidity, Double light,
        Double voltage, Long seq) {
    public static final Serde<Reading> SERDE = JsonSerde.of(Reading.class);
}
