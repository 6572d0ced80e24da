package dev.streaminglab.limits;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The two rebalance protocols of Kafka Streams 4.3: the classic one, where the group leader's client computes
 * the assignment, and the streams protocol of KIP-1071 (GA with a limited feature set since 4.2), where the broker
 * computes it and members learn it on their heartbeats. A 4.3 cluster formatted fresh has {@code streams.version=1}
 * finalized, so the brokers need nothing but the client's {@code group.protocol=streams}; some settings then move
 * from the client to the group's configuration on the broker ({@link Workbench#groupConfig}).
 */
enum Protocol {
    CLASSIC,
    STREAMS;

    /** The value of {@code group.protocol}, and the arm's name in results. */
    String label() {
        return name().toLowerCase();
    }

    Map<String, Object> config() {
        return Map.of(StreamsConfig.GROUP_PROTOCOL_CONFIG, label());
    }
}
