package dev.streaminglab.engines;

import java.util.Optional;

/** The results as a Markdown table, one line per engine: what the report, the README and the grid show. */
public final class EngineReport {
    private EngineReport() {
    }

    public static String table(EngineResults r) {
        StringBuilder b = new StringBuilder("| engine | correctness | throughput (records/s) | per core | latency p50 / p99 "
                + "(ms) | recovery: windows lost / duplicated | start-up (s) | peak RSS (MB) | lines of code |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String e : r.engines().keySet()) {
            b.append("| ").append(e)
                    .append(" | ").append(correctness(r, e))
                    .append(" | ").append(spread(r.find(e, "throughput", "records_per_s"), "%,.0f"))
                    .append(" | ").append(spread(r.find(e, "throughput", "records_per_s_per_core"), "%,.0f"))
                    .append(" | ").append(spread(r.find(e, "latency", "latency_p50"), "%,.0f")).append(" / ")
                    .append(spread(r.find(e, "latency", "latency_p99"), "%,.0f"))
                    .append(" | ").append(spread(r.find(e, "recovery", "windows_missing"), "%.0f")).append(" / ")
                    .append(spread(r.find(e, "recovery", "windows_duplicated"), "%.0f"))
                    .append(" | ").append(spread(r.find(e, "correctness", "startup"), "%.1f"))
                    .append(" | ").append(spread(r.find(e, "throughput", "rss_peak")
                            .or(() -> r.find(e, "correctness", "rss_peak")), "%,.0f"))
                    .append(" | ").append(spread(r.find(e, "static", "lines_of_code"), "%.0f"))
                    .append(" |\n");
        }
        return b.toString();
    }

    static String correctness(EngineResults r, String engine) {
        return r.trials().stream().filter(t -> t.engine().equals(engine) && t.kind().equals("correctness"))
                .findFirst().map(t -> t.error() != null && t.comparison().matched() == 0 ? "failed"
                        : (t.comparison().exact() ? "exact" : "NOT exact") + " (" + t.comparison().matched() + "/"
                                + t.comparison().expected() + " windows)")
                .orElse("–");
    }

    /** "median (min–max)", or the single value, or "–". */
    static String spread(Optional<EngineResults.Summary> s, String format) {
        if (s.isEmpty()) {
            return "–";
        }
        EngineResults.Summary v = s.get();
        String median = String.format(format, v.median());
        return v.n() == 1 || v.min() == v.max() ? median
                : median + " (" + String.format(format, v.min()) + "–" + String.format(format, v.max()) + ")";
    }
}
