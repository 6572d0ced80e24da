package dev.streaminglab.measure;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Repeated measurements of one figure: their median with the lowest and highest, and the samples themselves (as
 * JMH keeps them). The kit never reports a timed figure without its spread.
 */
public record Spread(double median, double min, double max, List<Double> samples) {
    public Spread {
        samples = List.copyOf(samples);
    }

    public static Spread of(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one sample");
        }
        List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        sorted.sort(Double::compare);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1),
                values.stream().map(Number::doubleValue).toList());
    }

    public static Spread single(double value) {
        return of(List.of(value));
    }

    @JsonIgnore
    public int n() {
        return samples.size();
    }

    /** (max − min) ÷ median, in percent: how far apart the repetitions lay. */
    @JsonIgnore
    public double widthPercent() {
        return median == 0 ? 0 : 100 * (max - min) / Math.abs(median);
    }

    /** True when the two ranges overlap: no repetition of one is clearly above every repetition of the other. */
    public boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }

    public Spread scaled(double factor) {
        return new Spread(median * factor, Math.min(min * factor, max * factor), Math.max(min * factor, max * factor),
                samples.stream().map(v -> v * factor).toList());
    }

    /** "1,234 [1,100–1,300]" with the given decimals; a single sample prints alone with "(n=1)". */
    public String format(int decimals) {
        String f = "%,." + decimals + "f";
        if (n() == 1) {
            return String.format(Locale.ROOT, f + " (n=1)", median);
        }
        return String.format(Locale.ROOT, f + " [" + f + "–" + f + "]", median, min, max);
    }
}
