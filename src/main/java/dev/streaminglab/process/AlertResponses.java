package dev.streaminglab.process;

import dev.streaminglab.domain.Acknowledgement;
import dev.streaminglab.domain.Alert;
import dev.streaminglab.domain.AlertResponse;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.Windowing;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;

/**
 * Pattern, stream-stream join with a join window: each alert and its acknowledgement by an operator. Reads
 * {@code alerts} (keyed by device, re-keyed here by alert id: {@link Acknowledgement#alertId}) and
 * {@code alerts.acks} (keyed by alert id), both by the time they describe ({@link EventTimeExtractor}), and writes
 * one {@link AlertResponse} per alert and per unmatched acknowledgement to {@code patterns.alerts.responses}:
 * <ul>
 * <li>ACKNOWLEDGED: an acknowledgement within {@link #ACK_WITHIN} after the alert, with its response time,
 * emitted as soon as both are there;</li>
 * <li>ESCALATED: none came in time, emitted once the window has closed (alert + {@link #ACK_WITHIN} + grace in
 * stream time), since an acknowledgement may still arrive until then (an outer join emits its unmatched side
 * only then, KIP-633);</li>
 * <li>ACK_WITHOUT_ALERT: an acknowledgement that met no alert in its window (too late, or for an alert never
 * raised), kept rather than dropped.</li>
 * </ul>
 * An alert acknowledged twice gives two ACKNOWLEDGED responses: a join emits every pair that meets.
 * Both sides are kept in window stores for the window plus grace. Watch it: notebook 06, or {@code PatternsTest}.
 */
public final class AlertResponses {
    /** How long an operator has to acknowledge before the alert escalates. */
    public static final Duration ACK_WITHIN = Duration.ofMinutes(5);
    /** An acknowledgement counts from the alert on, not before it. */
    public static final JoinWindows WINDOW = JoinWindows.ofTimeDifferenceAndGrace(ACK_WITHIN, Windowing.GRACE)
            .before(Duration.ZERO);

    private AlertResponses() {
    }

    public static Topology buildTopology(TopicSet topics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, TopicSet topics) {
        KStream<String, Alert> alerts = builder.stream(topics.alerts(), Consumed.with(Serdes.String(), Alert.SERDE)
                        .withTimestampExtractor(new EventTimeExtractor()).withName("alerts-to-answer"))
                .selectKey((device, a) -> Acknowledgement.alertId(a), Named.as("key-by-alert-id"));
        KStream<String, Acknowledgement> acks = builder.stream(topics.alertAcks(),
                Consumed.with(Serdes.String(), Acknowledgement.SERDE).withTimestampExtractor(new EventTimeExtractor())
                        .withName("acknowledgements"));
        alerts.outerJoin(acks, AlertResponse::of, WINDOW,
                        StreamJoined.with(Serdes.String(), Alert.SERDE, Acknowledgement.SERDE)
                                .withName("alert-with-ack").withStoreName("alert-ack-join"))
                .to(topics.alertResponses(), Produced.with(Serdes.String(), AlertResponse.SERDE));
    }
}
