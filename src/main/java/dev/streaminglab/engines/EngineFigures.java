package dev.streaminglab.engines;

import dev.streaminglab.LabHome;
import dev.streaminglab.chart.Charts;
import dev.streaminglab.measure.MarkdownReport;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;

/**
 * The engine comparison's {@link Results}, read the engines' way (a run's, or the copy committed in
 * docs/results/engines/ that notebook 07 and the grid read): rows of group {@value #GROUP}, named by kind of trial,
 * one arm per engine. Gives the table that the report, the grid and the notebook show, the charts (the kit's
 * style, with the run's footer) and the report itself.
 */
public record EngineFigures(Results results) {
    public static final String GROUP = "engines";
    /** The row name of what is counted rather than run (lines of code). */
    static final String STATIC = "static";
    /** The workload entry with the engines that ran, id to label, in order. */
    static final String ENGINES = "engines";
    static final String EXACT = "exact";
    static final String FAILED = "failed";
    static final String SUMMARY = "summary";
    static final String LINES_OF_CODE = "lines_of_code";
    private static final String NO_DATA = "no data in this run";
    private static final String REPORT = "report.md";
    private static final List<String> TABLE = List.of("engine", "correctness", "throughput (records/s)", "per core",
            "latency p50 / p99 (ms)", "recovery: windows lost / duplicated", "start-up (s)", "peak RSS (MB)",
            "lines of code");

    /** A chart of the report: its file, title, unit, and the row it reads for each engine. */
    private record Chart(String file, String title, String unit, String figure, List<TrialKind> kinds) {
    }

    private static final List<Chart> CHARTS = List.of(
            new Chart("throughput.png", "Sustained throughput (catch-up)", "records/s", "records_per_s",
                    List.of(TrialKind.THROUGHPUT)),
            new Chart("throughput-per-core.png", "Throughput per core used by the engine", "records/s per core",
                    "records_per_s_per_core", List.of(TrialKind.THROUGHPUT)),
            new Chart("latency-p99.png", "Window latency p99 at half of each engine's own maximum", "ms",
                    "latency_p99_ms", List.of(TrialKind.LATENCY)),
            new Chart("memory.png", "Peak resident memory (1 GB heap for JVM engines)", "MB", "rss_peak_mb",
                    List.of(TrialKind.THROUGHPUT, TrialKind.CORRECTNESS)),
            new Chart("startup.png", "Start-up: launch to first window out", "s", "startup_s",
                    List.of(TrialKind.CORRECTNESS)));

    /** Where runs write their results unless told otherwise. */
    public static Path defaultRoot() {
        return LabHome.workDir().resolve("results").resolve("engines");
    }

    /** The committed run that the grid and notebook 07 read. */
    public static Path committed() {
        return LabHome.requireCheckout().resolve("docs/results/engines");
    }

    public static EngineFigures read(Path dir) {
        return new EngineFigures(Results.read(dir));
    }

    /** The engines that ran, id to label, in the run's order. */
    public Map<String, String> engines() {
        Map<String, String> out = new LinkedHashMap<>();
        if (results.workload().get(ENGINES) instanceof Map<?, ?> m) {
            m.forEach((id, label) -> out.put(String.valueOf(id), String.valueOf(label)));
        }
        return out;
    }

    public Optional<Row> row(String engine, String kind) {
        return results.row(GROUP, kind, engine);
    }

    public Optional<Spread> figure(String engine, String kind, String figure) {
        return row(engine, kind).flatMap(r -> r.figure(figure));
    }

    public Optional<Object> fact(String engine, String kind, String fact) {
        return row(engine, kind).map(r -> r.facts().get(fact));
    }

    /** The chart footer: where the figures come from. */
    public String footer() {
        return results.stamp().footer();
    }

    /** "median [min–max]" with {@code decimals}, or "–" where the run has no such figure. */
    static String format(Optional<Spread> s, int decimals) {
        return s.map(v -> v.format(decimals)).orElse("–");
    }

    /** "exact (40/40 windows)", "NOT exact (38/40 windows)", "failed", or "–" without a correctness trial. */
    String correctness(String engine) {
        Optional<Row> row = row(engine, TrialKind.CORRECTNESS.id());
        if (row.isEmpty()) {
            return "–";
        }
        Map<String, Object> facts = row.get().facts();
        Optional<Spread> matched = row.get().figure("windows_matched");
        if (matched.isEmpty()) {
            return "failed";
        }
        return (Boolean.TRUE.equals(facts.get(EXACT)) ? "exact" : "NOT exact") + " ("
                + Math.round(matched.get().min()) + "/" + facts.get("windows_expected") + " windows)";
    }

    /** Lines of code of an engine's job, or -1 when the run did not count them. */
    int linesOfCode(String engine) {
        return fact(engine, STATIC, LINES_OF_CODE).map(v -> ((Number) v).intValue()).orElse(-1);
    }

    /** One line per engine: correctness, throughput, latency, recovery, start-up, memory, lines of code. */
    public String table() {
        return new MarkdownReport().table(TABLE, tableRows()).text();
    }

    private List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        for (String e : engines().keySet()) {
            int loc = linesOfCode(e);
            rows.add(List.of(e, correctness(e),
                    format(figure(e, "throughput", "records_per_s"), 0),
                    format(figure(e, "throughput", "records_per_s_per_core"), 0),
                    format(figure(e, "latency", "latency_p50_ms"), 0) + " / "
                            + format(figure(e, "latency", "latency_p99_ms"), 0),
                    format(figure(e, "recovery", "windows_missing"), 0) + " / "
                            + format(figure(e, "recovery", "windows_duplicated"), 0),
                    format(figure(e, "correctness", "startup_s"), 1),
                    format(figure(e, "throughput", "rss_peak_mb").or(() -> figure(e, "correctness", "rss_peak_mb")), 0),
                    loc < 0 ? "–" : Integer.toString(loc)));
        }
        return rows;
    }

    public CategoryChart throughput() {
        return chart(CHARTS.get(0));
    }

    public CategoryChart throughputPerCore() {
        return chart(CHARTS.get(1));
    }

    public CategoryChart latencyP99() {
        return chart(CHARTS.get(2));
    }

    public CategoryChart memory() {
        return chart(CHARTS.get(3));
    }

    public CategoryChart startup() {
        return chart(CHARTS.get(4));
    }

    public CategoryChart linesOfCode() {
        List<String> engines = new ArrayList<>();
        List<Double> lines = new ArrayList<>();
        for (String e : engines().keySet()) {
            if (linesOfCode(e) >= 0) {
                engines.add(e);
                lines.add((double) linesOfCode(e));
            }
        }
        return bars("Lines of code of the job", "lines", engines, lines, lines, lines);
    }

    /** Bars at each engine's median, whiskers over min–max; a single "no data" bar when the run has none. */
    private CategoryChart chart(Chart c) {
        Optional<TrialKind> kind = kindWith(c);
        List<String> engines = new ArrayList<>();
        List<Spread> spreads = new ArrayList<>();
        kind.ifPresent(k -> engines().keySet().forEach(e -> figure(e, k.id(), c.figure()).ifPresent(s -> {
            engines.add(e);
            spreads.add(s);
        })));
        Function<Function<Spread, Double>, List<Double>> of = f -> spreads.stream().map(f).toList();
        String title = c.title() + kind.filter(k -> c.kinds().size() > 1).map(k -> " (" + k.id() + " trials)")
                .orElse("");
        return bars(title, c.unit(), engines, of.apply(Spread::median), of.apply(Spread::min), of.apply(Spread::max));
    }

    /** The first of the chart's kinds that the run has the figure for. */
    private Optional<TrialKind> kindWith(Chart c) {
        return c.kinds().stream().filter(k -> engines().keySet().stream()
                .anyMatch(e -> figure(e, k.id(), c.figure()).isPresent())).findFirst();
    }

    private static CategoryChart bars(String title, String unit, List<String> engines, List<Double> medians,
            List<Double> mins, List<Double> maxes) {
        CategoryChart chart = engines.isEmpty()
                ? Charts.bars(title, "", unit, unit, List.of(NO_DATA), List.of(0.0), List.of(0.0), List.of(0.0))
                : Charts.bars(title, "", unit, unit, engines, medians, mins, maxes);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    /**
     * Writes the results, the charts the run has data for (a chart left from an earlier run without such data is
     * removed) and report.md into {@code dir}; returns the report.
     */
    public Path write(Path dir) {
        results.write(dir);
        MarkdownReport report = new MarkdownReport().heading(1, "The same job on several engines")
                .paragraph("The job of docs/evaluation/job.md on every engine, each in a process of its own, on the "
                        + "same input; every engine's windows and dead letters compared with the oracle's exact "
                        + "truth. Figures: median [min–max] over the trials that completed, (n=1) for one trial.")
                .stamp(results.stamp(), results.workload())
                .heading(2, "Results").table(TABLE, tableRows());
        List<List<String>> load = new ArrayList<>();
        results.rows(GROUP).stream().filter(r -> !r.name().equals(STATIC)).forEach(r -> load.add(List.of(r.arm(),
                r.name(), r.load().describe(), Integer.toString(r.discarded()),
                String.valueOf(r.facts().get(SUMMARY)))));
        report.heading(2, "Trials and the machine").table(List.of("engine", "kind", "load (busiest trial)",
                "trials redone for outside load", "against the oracle (worst trial)"), load);
        if (!results.notes().isEmpty()) {
            report.bullets(results.notes());
        }
        try {
            for (Chart c : CHARTS) {
                Path file = dir.resolve(c.file());
                if (kindWith(c).isPresent()) {
                    Charts.savePng(chart(c), file, footer());
                    report.image(c.file(), c.title());
                } else {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove a stale chart in " + dir, e);
        }
        Charts.savePng(linesOfCode(), dir.resolve("lines-of-code.png"), footer());
        report.image("lines-of-code.png", "Lines of code of the job");
        return report.write(dir.resolve(REPORT));
    }
}
