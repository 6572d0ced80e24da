package dev.streaminglab.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One measured case of a results file: what it is ({@code group}: a suite or an experiment; {@code name}: the case;
 * {@code arm}: the implementation or variant), the parameters that define it, its timed figures with their spreads,
 * and its exact facts (counts, states, error texts: what a test can assert) kept apart from the timings.
 *
 * @param load the busiest sample over the runs behind the figures
 * @param discarded runs thrown away and redone because of outside load
 */
public record Row(String group, String name, String arm, Map<String, Object> params, Map<String, Spread> figures,
        Map<String, Object> facts, LoadSummary load, int discarded) {
    public Row {
        params = new LinkedHashMap<>(params);
        figures = new LinkedHashMap<>(figures);
        facts = new LinkedHashMap<>(facts);
    }

    public static Row of(String group, String name, String arm) {
        return new Row(group, name, arm, Map.of(), Map.of(), Map.of(), LoadSummary.NONE, 0);
    }

    public Row param(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new Row(group, name, arm, p, figures, facts, load, discarded);
    }

    public Row figure(String key, Spread value) {
        Map<String, Spread> f = new LinkedHashMap<>(figures);
        f.put(key, value);
        return new Row(group, name, arm, params, f, facts, load, discarded);
    }

    public Row fact(String key, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(facts);
        f.put(key, value);
        return new Row(group, name, arm, params, figures, f, load, discarded);
    }

    public Row load(LoadSummary l, int discardedRuns) {
        return new Row(group, name, arm, params, figures, facts, l, discardedRuns);
    }

    public Optional<Spread> figure(String key) {
        return Optional.ofNullable(figures.get(key));
    }

    /** A figure that must be there, for reports and tests. */
    public Spread require(String key) {
        return figure(key).orElseThrow(() -> new IllegalArgumentException(group + "/" + name + "/" + arm
                + " has no figure '" + key + "' (it has " + figures.keySet() + ")"));
    }

    public boolean is(String g, String n, String a) {
        return group.equals(g) && name.equals(n) && arm.equals(a);
    }
}
