package dev.streaminglab.bench;

import dev.streaminglab.chart.Charts;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The charts of a run, the same in its report (PNG files with the run's stamp as footer) and in the performance
 * notebook, all in the kit's one style ({@link Charts}): every bar a median with a whisker over min–max, every line
 * point with its min–max segment, log axes where the values span decades.
 */
public final class Plots {
    private Plots() {
    }

    /** Every chart the results have data for, by file name. */
    public static Map<String, Chart<?, ?>> all(Results r) {
        Map<String, Chart<?, ?>> c = new LinkedHashMap<>();
        producers(r).ifPresent(x -> c.put("producers.png", x));
        ratios(r).ifPresent(x -> c.put("ratios.png", x));
        stages(r).ifPresent(x -> c.put("streams-stages.png", x));
        exactlyOnce(r).ifPresent(x -> c.put("exactly-once.png", x));
        restore(r).ifPresent(x -> c.put("restore.png", x));
        latencyCurve(r).ifPresent(x -> c.put("latency-vs-load.png", x));
        latencyConfigs(r).ifPresent(x -> c.put("latency-configs.png", x));
        clusterReady(r).ifPresent(x -> c.put("cluster-ready.png", x));
        return c;
    }

    /** Records/s of the tool and of the kit's side on the baseline (kit-producer) and on telemetry (generator). */
    public static Optional<CategoryChart> producers(Results r) {
        List<String> points = List.of(ProducerPoint.BASELINE.name(), "telemetry");
        List<Row> tool = points.stream().map(p -> r.row(ProducerSuite.GROUP, p, ProducerArm.TOOL.label))
                .flatMap(Optional::stream).toList();
        List<Row> kit = List.of(r.row(ProducerSuite.GROUP, points.get(0), ProducerArm.KIT.label),
                r.row(ProducerSuite.GROUP, points.get(1), ProducerArm.GENERATOR.label)).stream()
                .flatMap(Optional::stream).toList();
        if (tool.size() != 2 || kit.size() != 2) {
            return Optional.empty();
        }
        CategoryChart chart = Charts.bars("Producers: records/s, median and min–max", "workload", "records/s");
        chart.getStyler().setLegendVisible(true);
        add(chart, "ProducerPerformance", points, tool, "records_per_sec");
        add(chart, "kit-producer (baseline), generator (telemetry)", points, kit, "records_per_sec");
        return Optional.of(chart);
    }

    /** The ratios the targets and the A/A gate are read from, each with its paired min–max. */
    public static Optional<CategoryChart> ratios(Results r) {
        List<String> labels = new ArrayList<>();
        List<Spread> spreads = new ArrayList<>();
        Findings.aaRatio(r).ifPresent(s -> {
            labels.add("A/A kit ÷ tool");
            spreads.add(s);
        });
        r.row(ProducerSuite.GROUP, "telemetry", ProducerArm.GENERATOR.label + " ÷ " + ProducerArm.TOOL.label)
                .ifPresent(x -> {
                    labels.add("generator ÷ tool");
                    spreads.add(x.require("ratio"));
                });
        for (Row x : r.rows(StreamsSuite.GROUP)) {
            if (x.figures().containsKey("ratio")) {
                labels.add(x.arm().replace(" ÷ ", "÷").replace("passthrough", "pt"));
                spreads.add(x.require("ratio"));
            }
        }
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = Charts.bars("Ratios (targets: generator 0.95, validation and enrichment 0.8, "
                        + "windows 0.5)", "", "ratio", "ratio", labels, medians(spreads), mins(spreads), maxes(spreads));
        chart.getStyler().setXAxisLabelRotation(45);
        return Optional.of(chart);
    }

    /** Records/s of every stage with production settings; log axis: the passthrough and the pipeline are decades apart. */
    public static Optional<CategoryChart> stages(Results r) {
        List<Row> rows = r.rows(StreamsSuite.GROUP).stream().filter(x -> x.figures().containsKey("records_per_sec"))
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = Charts.bars("Kafka Streams stages, production settings: records/s (log scale)", "stage",
                "records/s");
        add(chart, "records/s", rows.stream().map(Row::name).toList(), rows, "records_per_sec");
        chart.getStyler().setXAxisLabelRotation(30);
        return Optional.of(Charts.logY(chart));
    }

    /** Seconds to process the pipeline's input under each guarantee and commit interval. */
    public static Optional<CategoryChart> exactlyOnce(Results r) {
        List<Row> rows = r.rows(StreamsSuite.EXACTLY_ONCE).stream().filter(x -> x.figures().containsKey("seconds"))
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = Charts.bars("The pipeline over the same input: seconds from start to the last commit",
                "guarantee and commit interval", "seconds");
        add(chart, "seconds", rows.stream().map(Row::arm).toList(), rows, "seconds");
        return Optional.of(chart);
    }

    /** Restore time (restore start → RUNNING) against store size, log-log. */
    public static Optional<XYChart> restore(Results r) {
        List<Row> rows = r.rows(StreamsSuite.RESTORE);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = Charts.lines("Restore after losing local state: restore start → RUNNING", "keys in the store",
                "ms");
        List<Spread> s = rows.stream().map(x -> x.require("restore_ms")).toList();
        Charts.addLine(chart, "restore time", rows.stream().map(x -> ((Number) x.params().get("keys")).doubleValue())
                .toList(), medians(s), mins(s), maxes(s));
        chart.getStyler().setXAxisLogarithmic(true);
        return Optional.of(Charts.logY(chart));
    }

    /** p50, p99 and p99.9 from creation to the dashboard client against load, production settings (log axis). */
    public static Optional<XYChart> latencyCurve(Results r) {
        String config = LatencySuite.configs(Profile.QUICK).get(0).name();
        List<Row> rows = r.rows(LatencySuite.GROUP).stream().filter(x -> x.name().startsWith(config + " @")).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = Charts.lines("Generator → pipeline → dashboard client, " + config, "load (% of the pipeline's "
                + "maximum)", "ms (log scale)");
        List<Double> x = rows.stream().map(row -> 100 * ((Number) row.params().get("load_fraction")).doubleValue())
                .toList();
        for (String[] p : List.of(new String[] {"p50", "lat_p50_ms"}, new String[] {"p99", "lat_p99_ms"},
                new String[] {"p99.9", "lat_p999_ms"})) {
            List<Spread> s = rows.stream().map(row -> row.require(p[1])).toList();
            Charts.addLine(chart, p[0], x, medians(s), mins(s), maxes(s));
        }
        return Optional.of(Charts.logY(chart));
    }

    /** p99 at half load by configuration: end to end, and the pipeline's part of it. */
    public static Optional<CategoryChart> latencyConfigs(Results r) {
        List<Row> rows = r.rows(LatencySuite.GROUP).stream().filter(x -> x.name().endsWith("@ 50 %")).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = rows.stream().map(x -> x.name().replace(" @ 50 %", "")).toList();
        CategoryChart chart = Charts.bars("p99 at 50 % load by configuration", "", "ms (log scale)");
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(20);
        add(chart, "creation → dashboard client", names, rows, "lat_p99_ms");
        add(chart, "creation → aggregate in Kafka", names, rows, "pipeline_p99_ms");
        return Optional.of(Charts.logY(chart));
    }

    public static Optional<CategoryChart> clusterReady(Results r) {
        List<Row> rows = r.rows(ClusterReadySuite.GROUP);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = Charts.bars("Local cluster: launch → first acknowledged write (target < 10 s)", "",
                "seconds");
        add(chart, "seconds", rows.stream().map(Row::arm).toList(), rows, "ready_seconds");
        return Optional.of(chart);
    }

    private static void add(CategoryChart chart, String series, List<String> categories, List<Row> rows, String f) {
        List<Spread> s = rows.stream().map(x -> x.require(f)).toList();
        Charts.addBars(chart, series, categories, medians(s), mins(s), maxes(s));
    }

    private static List<Double> medians(List<Spread> s) {
        return s.stream().map(Spread::median).toList();
    }

    private static List<Double> mins(List<Spread> s) {
        return s.stream().map(Spread::min).toList();
    }

    private static List<Double> maxes(List<Spread> s) {
        return s.stream().map(Spread::max).toList();
    }
}
