package dev.streaminglab.bench;

import java.util.OptionalDouble;
import org.HdrHistogram.AbstractHistogram;

/**
 * Latency percentiles in milliseconds. Kafka's EndToEndLatency prints neither p95 nor max, hence the
 * optional fields.
 */
public record LatencySummary(double avgMs, double p50Ms, OptionalDouble p95Ms, double p99Ms, double p999Ms,
        OptionalDouble maxMs) {
    /** Histograms of the kit record microseconds, so percentiles keep sub-millisecond detail. */
    public static LatencySummary ofMicros(AbstractHistogram h) {
        return new LatencySummary(h.getMean() / 1000, at(h, 50), OptionalDouble.of(at(h, 95)), at(h, 99), at(h, 99.9),
                OptionalDouble.of(h.getMaxValue() / 1000.0));
    }

    private static double at(AbstractHistogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
