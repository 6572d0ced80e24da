package dev.streaminglab.process;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Reading;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Shared set-up for the TopologyTestDriver tests: the pipeline's own Streams properties (so its error handlers and
 * dead-letter settings run here as in production), a fixed start time and small, exact records.
 */
final class TestDrivers {
    /** A minute boundary, so window bounds are easy to read: 2026-01-01T00:00:00Z. */
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private TestDrivers() {
    }

    static TopologyTestDriver driver(Topology topology) {
        try {
            return new TopologyTestDriver(topology, TelemetryPipeline.properties(KafkaConnection.of("unused:9092"),
                    "test", Guarantee.EXACTLY_ONCE_V2, 1, Files.createTempDirectory("ttd"), "test", null),
                    Instant.ofEpochMilli(T0));
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
