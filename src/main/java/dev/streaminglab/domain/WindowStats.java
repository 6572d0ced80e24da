package dev.streaminglab.domain;

import org.apache.kafka.common.serialization.Serde;

/**
 * Statistics of one window for one key (a device id or a site), the value of every {@code aggregates.*} topic.
 * Window bounds are epoch milliseconds, start inclusive and end exclusive, as Kafka Streams defines them.
 */
public record WindowStats(String key, long windowStart, long windowEnd, long count, double temperatureMin,
        double temperatureMax, double temperatureAvg, double humidityAvg) {
    public static final Serde<WindowStats> SERDE = JsonSerde.of(WindowStats.class);
}
