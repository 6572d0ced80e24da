package dev.streaminglab.monitor;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prometheus's text exposition format, for the kit's own metrics (served by the dashboard on {@code /metrics}):
 * one HELP and TYPE line per metric, then its series with their labels.
 */
public final class MetricsText {
    private final StringBuilder out = new StringBuilder();

    /** Starts a gauge: its help line says what it measures. */
    public MetricsText gauge(String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n");
        return this;
    }

    public MetricsText sample(String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append(labels.entrySet().stream().map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                    .collect(Collectors.joining(",", "{", "}")));
        }
        out.append(' ').append(Double.isNaN(value) ? "NaN" : number(value)).append('\n');
        return this;
    }

    public String text() {
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
