package dev.streaminglab.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * How one side compares with another when both were measured in the same repetitions, one right after the other:
 * the ratio of each pair, so drifts of the machine between repetitions cancel out. A ratio whose range includes 1
 * is noise, not a finding: the spread is larger than the effect.
 */
public record Ratio(String numerator, String denominator, Spread ratios) {
    /** {@code a.get(i) / b.get(i)} for each repetition i. */
    public static Ratio paired(String numerator, List<Double> a, String denominator, List<Double> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("paired ratios need as many samples on both sides (got " + a.size()
                    + " and " + b.size() + ")");
        }
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            r.add(a.get(i) / b.get(i));
        }
        return new Ratio(numerator, denominator, Spread.of(r));
    }

    /** The range of the paired ratios contains 1: the two sides cannot be told apart. */
    public boolean isNoise() {
        return ratios.min() <= 1 && ratios.max() >= 1;
    }

    /** Every paired ratio lies within {@code percent} of 1: what an A/A control must show to trust the rig. */
    public boolean within(double percent) {
        return Math.abs(ratios.min() - 1) * 100 <= percent && Math.abs(ratios.max() - 1) * 100 <= percent;
    }

    /** "0.97 [0.95–0.99]", with "(noise)" when the range contains 1. */
    public String format() {
        return ratios.format(2) + (isNoise() ? " (noise)" : "");
    }
}
