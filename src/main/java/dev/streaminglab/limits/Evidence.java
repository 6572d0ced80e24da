package dev.streaminglab.limits;

import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.util.List;

/**
 * The results of one run of an experiment, with what it is about: what the report, the notebook and the tests
 * read figures and facts from. A missing row or value fails with a message naming it (results written by another
 * version of an experiment, for instance).
 */
public record Evidence(About about, Results results) {
    public List<Row> rows() {
        return results.rows();
    }

    public Row row(String name, String arm) {
        return results.row(about.name(), name, arm).orElseThrow(() -> new IllegalArgumentException(about.name()
                + " has no result row " + name + "/" + arm + " (rows: " + rows().stream()
                        .map(r -> r.name() + "/" + r.arm()).toList() + "): run it again with this version"));
    }

    public Spread figure(String name, String arm, String figure) {
        return row(name, arm).require(figure);
    }

    public Object fact(String name, String arm, String fact) {
        Row r = row(name, arm);
        if (!r.facts().containsKey(fact)) {
            throw new IllegalArgumentException(about.name() + "/" + name + "/" + arm + " has no fact '" + fact
                    + "' (it has " + r.facts().keySet() + ")");
        }
        return r.facts().get(fact);
    }

    /**
     * A fact that is a count (JSON gives back ints or longs). A count that differed between runs is kept as the
     * list of its values (the run's notes name them); it reads as their median, the lower one of an even count.
     */
    public long count(String name, String arm, String fact) {
        Object v = fact(name, arm, fact);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof List<?> values && !values.isEmpty() && values.stream().allMatch(x -> x instanceof Number)) {
            List<Long> sorted = values.stream().map(x -> ((Number) x).longValue()).sorted().toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
        throw new IllegalArgumentException(about.name() + "/" + name + "/" + arm + " fact '" + fact
                + "' is not a number: " + v);
    }

    public String text(String name, String arm, String fact) {
        return String.valueOf(fact(name, arm, fact));
    }

    public boolean flag(String name, String arm, String fact) {
        return Boolean.TRUE.equals(fact(name, arm, fact));
    }

    public String mode() {
        return results.stamp().profile();
    }
}
