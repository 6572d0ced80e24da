package dev.streaminglab.engines;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.domain.Json;
import dev.streaminglab.chart.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * The results of one engine run: {@code results.json} (the run stamp: commit, machine facts; the profile, the input,
 * every trial with its comparison, every measurement, and the summary: median with min and max over
 * repetitions) and {@code results.csv} (the measurements). Runs live in .work/results/engines/; the full run of
 * the reference machine is committed in docs/results/engines/.
 */
public record EngineResults(RunStamp stamp, EngineProfile profile, Map<String, String> engines,
        InputFacts input, List<Trial> trials, List<Row> rows, List<Summary> summary) {
    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";

    /** What the correctness input held and what the oracle expects of it. */
    public record InputFacts(int records, Map<String, Long> origins, int expectedWindows,
            Map<JobReason, Long> expectedDeadLetters) {
    }

    /** One trial: which engine, kind, repetition and place in the order; its comparison; its error, if any. */
    public record Trial(String engine, String kind, int repetition, int position, Comparison comparison,
            String error, String log) {
    }

    /** One measurement of one trial. */
    public record Row(String engine, String kind, int repetition, int position, String metric, double value,
            String unit) {
    }

    /** A metric of an engine over its repetitions. */
    public record Summary(String engine, String kind, String metric, String unit, double median, double min,
            double max, int n) {
    }

    public static Path defaultRoot() {
        return LabHome.workDir().resolve("results").resolve("engines");
    }

    /** The committed full run of the reference machine. */
    public static Path committed() {
        return LabHome.requireCheckout().resolve("docs/results/engines");
    }

    static List<Summary> summarise(List<Row> rows) {
        Map<List<String>, List<Row>> groups = rows.stream().filter(r -> !Double.isNaN(r.value()))
                .collect(Collectors.groupingBy(r -> List.of(r.engine(), r.kind(), r.metric(), r.unit()), LinkedHashMap::new,
                        Collectors.toList()));
        List<Summary> out = new ArrayList<>();
        groups.forEach((k, g) -> {
            double[] v = g.stream().mapToDouble(Row::value).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            out.add(new Summary(k.get(0), k.get(1), k.get(2), k.get(3), median, v[0], v[v.length - 1], v.length));
        });
        return out;
    }

    public Optional<Summary> find(String engine, String kind, String metric) {
        return summary.stream().filter(s -> s.engine().equals(engine) && s.kind().equals(kind)
                && s.metric().equals(metric)).findFirst();
    }

    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), this);
            StringBuilder csv = new StringBuilder("commit,engine,kind,repetition,position,metric,value,unit\n");
            for (Row r : rows) {
                csv.append(String.join(",", stamp.commit().toString(), r.engine(), r.kind(), Integer.toString(r.repetition()),
                        Integer.toString(r.position()), r.metric(), Double.toString(r.value()), r.unit())).append('\n');
            }
            Files.writeString(dir.resolve(CSV), csv);
            return dir;
        } catch (IOException e) {
            throw new LabException("cannot write the results to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The results and their charts in {@code dir}, the committed copy that notebooks and the grid read. */
    public static void publish(EngineResults r, Path dir) {
        r.write(dir);
        Charts.savePng(EngineCharts.throughput(r), dir.resolve("throughput.png"));
        Charts.savePng(EngineCharts.throughputPerCore(r), dir.resolve("throughput-per-core.png"));
        Charts.savePng(EngineCharts.latencyP99(r), dir.resolve("latency-p99.png"));
        Charts.savePng(EngineCharts.memory(r), dir.resolve("memory.png"));
        Charts.savePng(EngineCharts.linesOfCode(r), dir.resolve("lines-of-code.png"));
    }

    public static EngineResults read(Path dir) {
        try {
            return Json.MAPPER.readValue(dir.resolve(JSON).toFile(), EngineResults.class);
        } catch (IOException e) {
            throw new LabException("cannot read engine results from " + dir.resolve(JSON) + ": " + e.getMessage()
                    + " (run jbang-scripts/Engines.java first)", e);
        }
    }
}
