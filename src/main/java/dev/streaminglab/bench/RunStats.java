package dev.streaminglab.bench;

import java.util.Optional;

/** What one timed run moved, in how long, and (where measured) how long each record took. */
public record RunStats(long records, long bytes, double seconds, Optional<LatencySummary> latency) {
    private static final double MIB = 1024.0 * 1024.0;

    public double recordsPerSec() {
        return records / seconds;
    }

    public double mbPerSec() {
        return bytes / MIB / seconds;
    }
}
