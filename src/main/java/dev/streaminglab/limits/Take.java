package dev.streaminglab.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of one arm measured: timed figures (which become spreads over the repetitions) and exact facts
 * (counts, states, error texts: the same in every repetition, and what the tests assert), kept apart.
 */
public final class Take {
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    public Take figure(String name, double value) {
        figures.put(name, value);
        return this;
    }

    public Take fact(String name, Object value) {
        facts.put(name, value);
        return this;
    }

    public Map<String, Double> figures() {
        return figures;
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
