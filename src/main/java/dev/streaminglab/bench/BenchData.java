package dev.streaminglab.bench;

import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Reading;
import java.util.SplittableRandom;

/**
 * Telemetry for the Streams suite until the kit's generator plugs in: readings of a fixed set of devices,
 * one in {@link #OUT_OF_RANGE_EVERY} with an impossible temperature so that validation has something to reject.
 */
final class BenchData {
    static final int DEVICES = 100;
    static final int OUT_OF_RANGE_EVERY = 100;

    private BenchData() {
    }

    static String deviceId(long i) {
        return String.format("bench-dev-%03d", i % DEVICES);
    }

    static byte[] device(int i) {
        return Device.SERDE.serializer().serialize("", new Device(deviceId(i), "bench-site", "room-" + i % 10,
                "mote", i, i, -10, 40, 90));
    }

    static byte[] reading(long seq, long timestamp, SplittableRandom random) {
        double temperature = seq % OUT_OF_RANGE_EVERY == OUT_OF_RANGE_EVERY - 1 ? 999.0
                : 18 + random.nextDouble() * 8;
        Reading r = new Reading(deviceId(seq), timestamp, temperature, 30 + random.nextDouble() * 20,
                random.nextDouble() * 500, 2.6 + random.nextDouble() * 0.2, seq / DEVICES);
        return Reading.SERDE.serializer().serialize("", r);
    }
}
