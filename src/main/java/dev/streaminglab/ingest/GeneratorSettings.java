package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.Windowing;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything that shapes a synthetic run. The same settings and seed give the same records, byte for byte.
 *
 * @param ratePerSecond target send rate; {@link #MAX_RATE} (0) sends as fast as the producer takes records
 * @param count records to send; 0 means "until {@code duration} has passed"
 * @param interval how often each device reports, in event time: the event clock advances interval/devices per
 *     record, so at a rate of devices/interval event time keeps pace with the wall clock
 * @param outOfOrderSpread out-of-order records lie up to this far behind the event clock (at most the grace period)
 * @param hostileFraction records that attack the pipeline rather than carry a broken reading, split evenly over
 *     {@link RecordKind#hostileKinds()}: negative and far-future times, duplicate sends, malformed registry rows
 * @param start event time of the first record; null means the wall clock when the run starts
 */
public record GeneratorSettings(int devices, int sites, double ratePerSecond, long count, Duration duration,
        KeySkew skew, double zipfExponent, double outOfOrderFraction, Duration outOfOrderSpread, double lateFraction,
        double malformedFraction, double hostileFraction, Burst burst, long seed, Instant start, Duration interval,
        String topic, String devicesTopic) {
    public static final double MAX_RATE = 0;
    /**
     * Far-future readings lie at least this far ahead of the event clock: beyond Kafka 4's broker limit (1 h), so
     * beyond any bound the pipeline may be given.
     */
    public static final Duration FUTURE_MIN_AHEAD = Duration.ofHours(2);
    public static final int LAB_DEVICES = 54;

    public GeneratorSettings {
        requireFraction("--out-of-order", outOfOrderFraction);
        requireFraction("--late", lateFraction);
        requireFraction("--malformed", malformedFraction);
        requireFraction("--hostile", hostileFraction);
        double defects = outOfOrderFraction + lateFraction + malformedFraction + hostileFraction;
        if (defects > 1) {
            throw new LabException("--out-of-order + --late + --malformed + --hostile add up to " + defects
                    + ": their sum must be at most 1");
        }

        if (devices < 1 || sites < 1) {
            throw new LabException("--devices and --sites must be at least 1 (got " + devices + " and " + sites + ")");
        }
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
            throw new LabException("--rate must be a positive number of records per second or 'max' (got " + ratePerSecond + ")");
        }
        if (count < 0) {
            throw new LabException("--count must be positive, or 0 to run for --duration (got " + count + ")");
        }
        if (count == 0 && (duration == null || duration.isZero() || duration.isNegative())) {
            throw new LabException("give --count N or a positive --duration (e.g. 30s)");
        }
        if (zipfExponent <= 0) {
            throw new LabException("--zipf-exponent must be positive (got " + zipfExponent + ")");
        }
        if (outOfOrderSpread.isNegative() || outOfOrderSpread.isZero() || outOfOrderSpread.compareTo(Windowing.GRACE) > 0) {
            throw new LabException("--out-of-order-spread must be positive and at most the grace period ("
                    + Windowing.GRACE.toSeconds() + " s), else those records would be late (got " + outOfOrderSpread + ")");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new LabException("--interval must be positive (got " + interval + ")");
        }
        if (burst.active() && ratePerSecond == MAX_RATE) {
            throw new LabException("bursts multiply a target rate: give --rate N together with --burst-every");
        }
    }

    /** 10,000 records from the 54 lab motes at 1,000/s, with a little of every defect. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(LAB_DEVICES, DeviceRegistry.DEFAULT_SITES, 1000, 10_000, null, KeySkew.UNIFORM, 1.0,
                0.05, Duration.ofSeconds(20), 0.01, 0.01, 0, Burst.NONE, 42, null, Duration.ofSeconds(1),
                TopicNames.TELEMETRY_RAW, TopicNames.DEVICES);
    }

    public GeneratorSettings withCount(long newCount) {
        return new GeneratorSettings(devices, sites, ratePerSecond, newCount, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, interval,
                topic, devicesTopic);
    }

    /** Runs for a while instead of a number of records. */
    public GeneratorSettings withDuration(Duration newDuration) {
        return new GeneratorSettings(devices, sites, ratePerSecond, 0, newDuration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, interval,
                topic, devicesTopic);
    }

    public GeneratorSettings withRate(double newRate) {
        return new GeneratorSettings(devices, sites, newRate, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, interval,
                topic, devicesTopic);
    }

    public GeneratorSettings withSkew(KeySkew newSkew) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, newSkew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, interval,
                topic, devicesTopic);
    }

    public GeneratorSettings withDefects(double outOfOrder, double late, double malformed) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrder, outOfOrderSpread, late, malformed, hostileFraction, burst, seed, start, interval, topic, devicesTopic);
    }

    /** Adds hostile records (see {@link RecordKind#hostileKinds()}) as this fraction of the run. */
    public GeneratorSettings withHostile(double fraction) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, fraction, burst, seed, start,
                interval, topic, devicesTopic);
    }

    public GeneratorSettings withSeed(long newSeed) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, newSeed, start, interval,
                topic, devicesTopic);
    }

    public GeneratorSettings withDevices(int newDevices) {
        return new GeneratorSettings(newDevices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, interval,
                topic, devicesTopic);
    }

    public GeneratorSettings withStart(Instant newStart) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, newStart, interval,
                topic, devicesTopic);
    }

    /** How often each device reports: with {@code devices / rate} event time keeps pace with the wall clock. */
    public GeneratorSettings withInterval(Duration newInterval) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, newInterval,
                topic, devicesTopic);
    }

    public GeneratorSettings withTopics(String newTopic, String newDevicesTopic) {
        return new GeneratorSettings(devices, sites, ratePerSecond, count, duration, skew, zipfExponent,
                outOfOrderFraction, outOfOrderSpread, lateFraction, malformedFraction, hostileFraction, burst, seed, start, interval,
                newTopic, newDevicesTopic);
    }

    private static void requireFraction(String flag, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new LabException(flag + " is a fraction of the records and must lie in 0..1 (got " + f + ")");
        }
    }
}
