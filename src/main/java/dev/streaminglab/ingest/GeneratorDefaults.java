package dev.streaminglab.ingest;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The generator's flag defaults, read from {@link GeneratorSettings#defaults()}, {@link ProducerTuning#defaults()}
 * and {@link AirQualityReplay#DEFAULT_SPEEDUP}: the values a run with no flags uses are the ones {@code --help}
 * and the README show, because they are the same objects.
 */
public final class GeneratorDefaults implements IDefaultValueProvider {
    private static final Map<String, String> BY_FLAG = byFlag(GeneratorSettings.defaults(), ProducerTuning.defaults());

    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec o ? BY_FLAG.get(o.longestName()) : null;
    }

    /** Every default by its long flag, as a user would type it (e.g. {@code --out-of-order-spread 20s}). */
    public static Map<String, String> byFlag() {
        return BY_FLAG;
    }

    private static Map<String, String> byFlag(GeneratorSettings s, ProducerTuning p) {
        return Map.ofEntries(
                Map.entry("--devices", Integer.toString(s.devices())),
                Map.entry("--sites", Integer.toString(s.sites())),
                Map.entry("--rate", rate(s.ratePerSecond())),
                Map.entry("--count", Long.toString(s.count())),
                Map.entry("--skew", s.skew().name().toLowerCase(Locale.ROOT)),
                Map.entry("--zipf-exponent", Double.toString(s.zipfExponent())),
                Map.entry("--out-of-order", Double.toString(s.outOfOrderFraction())),
                Map.entry("--out-of-order-spread", duration(s.outOfOrderSpread())),
                Map.entry("--late", Double.toString(s.lateFraction())),
                Map.entry("--malformed", Double.toString(s.malformedFraction())),
                Map.entry("--burst-every", duration(s.burst().every())),
                Map.entry("--burst-length", duration(s.burst().length())),
                Map.entry("--burst-factor", Double.toString(s.burst().factor())),
                Map.entry("--seed", Long.toString(s.seed())),
                Map.entry("--interval", duration(s.interval())),
                Map.entry("--topic", s.topic()),
                Map.entry("--devices-topic", s.devicesTopic()),
                Map.entry("--speedup", rate(AirQualityReplay.DEFAULT_SPEEDUP)),
                Map.entry("--acks", p.acks()),
                Map.entry("--linger-ms", Integer.toString(p.lingerMs())),
                Map.entry("--batch-size", Integer.toString(p.batchSize())),
                Map.entry("--compression", p.compression()),
                Map.entry("--idempotence", Boolean.toString(p.idempotence())));
    }

    /** The flag form of a rate or speed-up: {@code max} for as fast as possible, else the plain number. */
    static String rate(double r) {
        return r == GeneratorSettings.MAX_RATE ? "max" : r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    /** The flag form {@link Flags.DurationFlag} reads: the largest whole unit. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 || ms % 1000 != 0) {
            return ms + (ms == 0 ? "s" : "ms");
        }
        long s = ms / 1000;
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
