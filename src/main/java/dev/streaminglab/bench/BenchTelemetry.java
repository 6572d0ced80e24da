package dev.streaminglab.bench;

import dev.streaminglab.ingest.DeviceRegistry;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.SyntheticTelemetry;
import java.time.Duration;
import java.time.Instant;

/**
 * What the benchmark sends: the kit's own synthetic telemetry for the 54 lab motes, exactly as the generator
 * makes it (JSON readings, out-of-order and malformed ones included), so the stages and the producer are
 * measured on the data they exist for.
 */
final class BenchTelemetry {
    static final DeviceRegistry REGISTRY = DeviceRegistry.lab(GeneratorSettings.LAB_DEVICES, DeviceRegistry.DEFAULT_SITES);
    /**
     * The generator's defaults (5 % out of order, 1 % malformed) without late readings: a reading late for the
     * per-device windows is often late for the per-site ones as well and would yield two results, not one.
     */
    static final GeneratorSettings MIX = GeneratorSettings.defaults().withDefects(0.05, 0, 0.01);

    private BenchTelemetry() {
    }

    /** Up to {@code records} records whose event times run up to about now, one device interval apart. */
    static SyntheticTelemetry history(long records) {
        Duration span = GeneratorSettings.defaults().interval().multipliedBy(records / REGISTRY.size() + 1);
        return new SyntheticTelemetry(MIX.withCount(records), REGISTRY, Instant.now().minus(span).toEpochMilli());
    }

    /**
     * Valid readings from now on at {@code rate} per second: each record's clock (and event time) is when it is
     * due, so a result's age is exactly how long the pipeline took.
     */
    static SyntheticTelemetry live(int rate, long records) {
        Duration interval = Duration.ofMillis(liveIntervalMs(rate));
        return new SyntheticTelemetry(MIX.withDefects(0, 0, 0).withCount(records).withInterval(interval), REGISTRY,
                System.currentTimeMillis());
    }

    /** The rate {@link #live} actually keeps: the interval is whole milliseconds. */
    static double liveRate(int rate) {
        return REGISTRY.size() * 1000.0 / liveIntervalMs(rate);
    }

    private static long liveIntervalMs(int rate) {
        return Math.max(1, 1000L * REGISTRY.size() / rate);
    }
}
