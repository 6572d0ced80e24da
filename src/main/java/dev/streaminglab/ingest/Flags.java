package dev.streaminglab.ingest;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value parsers, so that users write {@code 30s}, {@code 5m}, {@code max}, {@code zipf}. */
final class Flags {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Flags() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
    static final class DurationFlag implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 500ms, 30s, 5m or 2h");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }

    /**
     * A positive number, or {@code max} for "as fast as possible", which is 0 both as a rate
     * ({@link GeneratorSettings#MAX_RATE}) and as a replay speed-up ({@link Generator#MAX_SPEEDUP}).
     */
    static final class RateFlag implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equalsIgnoreCase("max")) {
                return GeneratorSettings.MAX_RATE;
            }
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d > 0 && Double.isFinite(d))) {
                throw new TypeConversionException("'" + value + "' is neither a positive number nor 'max'");
            }
            return d;
        }
    }

    static final class SkewFlag implements ITypeConverter<KeySkew> {
        @Override
        public KeySkew convert(String value) {
            try {
                return KeySkew.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a key skew: use uniform or zipf");
            }
        }
    }
}
