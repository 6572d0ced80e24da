package dev.streaminglab.process;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Shared set-up for the TopologyTestDriver tests: the pipeline's own Streams properties (so its error handlers and
 * dead-letter settings run here as in production), a fixed start time and small, exact records.
 */
final class TestDrivers {
    /** A minute boundary, so window bounds are easy to read: 2026-01-01T00:00:00Z. */
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** Kafka Streams' default interval between two looks for closed windows (an internal setting). */
    static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);

    private TestDrivers() {
    }

    static TopologyTestDriver driver(Topology topology) {
        return driver(topology, Instant.ofEpochMilli(T0));
    }

    /** A driver whose wall clock (the pipeline's "now": timestamp bounds, silence) starts at {@code now}. */
    static TopologyTestDriver driver(Topology topology, Instant now) {
        return new TopologyTestDriver(topology, properties(), now);
    }

    /**
     * A driver that looks for closed windows (emit on window close) at most once per second of wall-clock time, as
     * an application does: TopologyTestDriver sets that internal interval to 0 unless told otherwise.
     */
    static TopologyTestDriver driverWithEmitInterval(Topology topology) {
        Properties p = properties();
        p.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, EMIT_INTERVAL.toMillis());
        return new TopologyTestDriver(topology, p, Instant.ofEpochMilli(T0));
    }

    private static Properties properties() {
        try {
            return TelemetryPipeline.properties(KafkaConnection.of("unused:9092"), "test", Guarantee.EXACTLY_ONCE_V2,
                    1, Files.createTempDirectory("ttd"), "test", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Device device(String id, String site) {
        return new Device(id, site, "room-" + id, "mica2dot", 1.5, 2.5, 10, 30, 60);
    }

    static Reading reading(String device, long ts, double temp, double hum) {
        return new Reading(device, ts, temp, hum, null, null, 1L);
    }

    static EnrichedReading enriched(String device, String site, long ts, double temp, double hum) {
        return EnrichedReading.of(reading(device, ts, temp, hum), device(device, site));
    }

    static long sec(double s) {
        return T0 + Math.round(s * 1000);
    }
}
