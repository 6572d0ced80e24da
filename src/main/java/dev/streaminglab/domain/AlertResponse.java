package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * What became of an alert (topic {@link TopicNames#PATTERN_ALERT_RESPONSES}, keyed by alert id): acknowledged in
 * time, by whom and how fast; escalated because nobody acknowledged it in time; or an acknowledgement that matched
 * no alert in its window (too late, or for an alert never raised), kept so that no operator's answer vanishes.
 *
 * @param alert the alert, or null for {@link Outcome#ACK_WITHOUT_ALERT}
 * @param operator who acknowledged it, or null when escalated
 * @param responseMs acknowledgement time minus the alert's event time, or null unless acknowledged
 */
public record AlertResponse(String alertId, Outcome outcome, Alert alert, String operator, Long responseMs) {
    public static final Serde<AlertResponse> SERDE = JsonSerde.of(AlertResponse.class);

    public enum Outcome { ACKNOWLEDGED, ESCALATED, ACK_WITHOUT_ALERT }

    /** The response to an alert and an acknowledgement that met in the join window; either may be null. */
    public static AlertResponse of(Alert alert, Acknowledgement ack) {
        if (ack == null) {
            return new AlertResponse(Acknowledgement.alertId(alert), Outcome.ESCALATED, alert, null, null);
        }
        if (alert == null) {
            return new AlertResponse(ack.alertId(), Outcome.ACK_WITHOUT_ALERT, null, ack.operator(), null);
        }
        return new AlertResponse(ack.alertId(), Outcome.ACKNOWLEDGED, alert, ack.operator(),
                ack.ackedAt() - alert.eventTime());
    }
}
