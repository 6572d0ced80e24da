package dev.streaminglab.limits;

import org.apache.kafka.streams.KafkaStreams;

/** Reads Kafka Streams' own metrics, the figures an operator would chart. */
final class Metrics {
    private Metrics() {
    }

    /** The sum of a metric over every thread, task and store that reports it (0 when none does yet). */
    static double sum(KafkaStreams streams, String group, String name) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue())
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .filter(d -> !Double.isNaN(d))
                .sum();
    }
}
