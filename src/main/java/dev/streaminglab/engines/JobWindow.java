package dev.streaminglab.engines;

import dev.streaminglab.domain.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * One closed window as every engine writes it (value JSON, key = site): bounds in epoch ms, [start, end);
 * temperatures in °C.
 */
public record JobWindow(String site, long windowStart, long windowEnd, long count, double min, double max,
        double avg) {
    public static final Serde<JobWindow> SERDE = JsonSerde.of(JobWindow.class);

    public WindowKey key() {
        return new WindowKey(site, windowStart);
    }

    /** A window's identity: its site and start. */
    public record WindowKey(String site, long windowStart) implements Comparable<WindowKey> {
        @Override
        public int compareTo(WindowKey o) {
            int c = Long.compare(windowStart, o.windowStart);
            return c != 0 ? c : site.compareTo(o.site);
        }
    }
}
