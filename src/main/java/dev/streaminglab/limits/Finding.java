package dev.streaminglab.limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result record of one experiment run: what was asked, how it was set up, what was measured and what an
 * architect should conclude. {@code figures} hold the measured values by name (numbers, or the text of an
 * error where the finding is that something fails); {@code headline} is the one figure quoted in the
 * catalogue's table.
 */
public record Finding(
        String experiment,
        String capability,
        String question,
        String setup,
        Mode mode,
        Verdict verdict,
        String headline,
        String conclusion,
        Map<String, Object> figures,
        List<Series> series,
        RunContext context) {

    public Finding {
        figures = new LinkedHashMap<>(figures);
        series = List.copyOf(series);
    }

    /** A measured figure, as a number. */
    public double number(String figure) {
        Object v = figures.get(figure);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("figure '" + figure + "' of " + experiment + " is not a number: " + v);
        }
        return n.doubleValue();
    }

    /** A measured figure, as text. */
    public String text(String figure) {
        return String.valueOf(figures.get(figure));
    }
}
