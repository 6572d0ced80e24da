package dev.streaminglab.engines;

import dev.streaminglab.chart.Charts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * The engine comparison's charts, from a results file: one bar per engine at the median of its repetitions, the
 * whisker reaching the farther of min and max (XChart draws symmetric error bars; the report's tables give
 * min and max exactly).
 */
public final class EngineCharts {
    private EngineCharts() {
    }

    public static CategoryChart throughput(EngineResults r) {
        return bars(r, "Sustained throughput (catch-up, median of repetitions)", "records/s", "throughput",
                "records_per_s");
    }

    public static CategoryChart throughputPerCore(EngineResults r) {
        return bars(r, "Throughput per core used by the engine", "records/s per core", "throughput",
                "records_per_s_per_core");
    }

    public static CategoryChart latencyP99(EngineResults r) {
        return bars(r, "Window latency p99 at half of each engine's own maximum", "ms", "latency", "latency_p99");
    }

    public static CategoryChart latencyP50(EngineResults r) {
        return bars(r, "Window latency p50 at half of each engine's own maximum", "ms", "latency", "latency_p50");
    }

    public static CategoryChart memory(EngineResults r) {
        return bars(r, "Peak resident memory (1 GB heap for JVM engines)", "MB", "throughput", "rss_peak");
    }

    public static CategoryChart startup(EngineResults r) {
        return bars(r, "Start-up: launch to first window out", "s", "correctness", "startup");
    }

    public static CategoryChart linesOfCode(EngineResults r) {
        return bars(r, "Lines of code of the job", "lines", "static", "lines_of_code");
    }

    static CategoryChart bars(EngineResults r, String title, String unit, String kind, String metric) {
        List<String> engines = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        List<Double> whiskers = new ArrayList<>();
        for (String e : r.engines().keySet()) {
            Optional<EngineResults.Summary> s = r.find(e, kind, metric);
            if (s.isPresent()) {
                engines.add(e);
                medians.add(s.get().median());
                whiskers.add(Math.max(s.get().median() - s.get().min(), s.get().max() - s.get().median()));
            }
        }
        CategoryChart chart = Charts.bars(title, "", unit);
        if (engines.isEmpty()) {
            engines.add("no data");
            medians.add(0.0);
            whiskers.add(0.0);
        }
        chart.addSeries(unit, engines, medians, whiskers);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }
}
