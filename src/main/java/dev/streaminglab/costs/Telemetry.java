package dev.streaminglab.costs;

import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.SyntheticTelemetry;
import java.time.Duration;
import java.time.Instant;

/**
 * What cost measurements send: the kit's own synthetic telemetry for the 54 lab motes, exactly as the generator
 * makes it (JSON readings, out-of-order and malformed ones included), so stages are measured on the data they
 * exist for. The seed is the generator's default: every run, and every stage, reads the same records.
 */
public final class Telemetry {
    public static final DeviceRegistry REGISTRY = DeviceRegistry.lab(GeneratorSettings.LAB_DEVICES,
            DeviceRegistry.DEFAULT_SITES);
    /**
     * The generator's defaults (5 % out of order, 1 % malformed) without late readings: a late reading is routed
     * to the late topic by both windowed aggregations, so a stage's output count would depend on the mix.
     */
    public static final GeneratorSettings MIX = GeneratorSettings.defaults().withDefects(0.05, 0, 0.01);

    private Telemetry() {
    }

    /** {@code records} records whose event times run up to about now, one device interval apart. */
    public static SyntheticTelemetry history(long records) {
        Duration span = MIX.interval().multipliedBy(records / REGISTRY.size() + 1);
        return new SyntheticTelemetry(MIX.withCount(records), REGISTRY, Instant.now().minus(span).toEpochMilli());
    }

    /**
     * Valid readings from {@code startMillis} on, {@code rate} per second: record i's event time is
     * {@code startMillis + i / rate}, the moment it is due to be sent.
     */
    public static SyntheticTelemetry live(double rate, long records, long startMillis) {
        Duration interval = Duration.ofNanos(Math.round(REGISTRY.size() * 1e9 / rate));
        return new SyntheticTelemetry(MIX.withDefects(0, 0, 0).withCount(records).withInterval(interval), REGISTRY,
                startMillis);
    }
}
