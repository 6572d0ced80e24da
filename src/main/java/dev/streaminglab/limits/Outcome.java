package dev.streaminglab.limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an experiment measured, filled in as it runs; {@link Experiment#run} turns it into a {@link Finding}. */
public final class Outcome {
    private Verdict verdict;
    private String headline;
    private String conclusion;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();

    public Outcome verdict(Verdict v) {
        this.verdict = v;
        return this;
    }

    public Outcome headline(String text) {
        this.headline = text;
        return this;
    }

    public Outcome conclusion(String text) {
        this.conclusion = text;
        return this;
    }

    /** Records a measured figure; doubles are rounded to 3 decimals so results stay readable. */
    public Outcome figure(String name, Object value) {
        figures.put(name, value instanceof Double d ? Math.round(d * 1000) / 1000.0 : value);
        return this;
    }

    public Outcome series(Series s) {
        series.add(s);
        return this;
    }

    Verdict verdict() {
        return verdict;
    }

    String headline() {
        return headline;
    }

    String conclusion() {
        return conclusion;
    }

    Map<String, Object> figures() {
        return figures;
    }

    List<Series> series() {
        return series;
    }
}
