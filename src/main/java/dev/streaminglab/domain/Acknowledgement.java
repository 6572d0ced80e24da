package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * An operator saying "I am on it" for one alert (topic {@link TopicNames#ALERT_ACKS}, keyed by {@link #alertId}).
 *
 * @param ackedAt epoch milliseconds: when the operator acknowledged
 */
public record Acknowledgement(String alertId, String operator, long ackedAt) {
    public static final Serde<Acknowledgement> SERDE = JsonSerde.of(Acknowledgement.class);

    /** An alert's identity: its device, type and event time (one device raises one alert of a type at a time). */
    public static String alertId(Alert a) {
        return a.deviceId() + "/" + a.type() + "/" + a.eventTime();
    }
}
