package dev.streaminglab.ingest;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value parsers of the generator, so that users write {@code max} and {@code zipf} ({@code 30s}: DurationFlag). */
final class Flags {
    private Flags() {
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
