package dev.streaminglab.process;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.EnrichedReading;
import dev.streaminglab.domain.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** Shared set-up for the TopologyTestDriver tests: a fixed start time and small, exact records. */
final class TestDrivers {
    /** A minute boundary, so window bounds are easy to read: 2026-01-01T00:00:00Z. */
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private TestDrivers() {
    }

    static TopologyTestDriver driver(Topology topology) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            Path dir = Files.createTempDirectory("ttd");
            p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TopologyTestDriver(topology, p, Instant.ofEpochMilli(T0));
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
