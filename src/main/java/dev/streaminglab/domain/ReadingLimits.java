package dev.streaminglab.domain;

/**
 * What a plausible reading looks like, shared by validation (which rejects the rest) and the generator
 * (which breaks these on purpose). Ranges are those of the Intel lab's Mica2Dot motes and common indoor
 * sensors; -200, the UCI data set's "missing" marker, falls outside every one of them.
 */
public final class ReadingLimits {
    /** An inclusive range of valid values. */
    public record Range(double min, double max) {
        public boolean contains(double v) {
            return v >= min && v <= max;
        }
    }

    public static final Range TEMPERATURE_C = new Range(-40, 85);
    public static final Range HUMIDITY_PCT = new Range(0, 100);
    public static final Range LIGHT_LUX = new Range(0, 100_000);
    public static final Range VOLTAGE_V = new Range(0, 5);

    private ReadingLimits() {
    }
}
