package dev.streaminglab.measure;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one results format of the kit's benchmarks, experiments and engine comparisons: the run's stamp, the workload
 * it ran (described as data, as the OpenMessaging Benchmark does, and printed beside the figures), its rows and free
 * notes. {@code results.json} holds everything, samples included; {@code results.csv} is the same rows flattened
 * for spreadsheets and Tablesaw (a figure F becomes F_median, F_min, F_max, F_n).
 */
public record Results(RunStamp stamp, Map<String, Object> workload, List<Row> rows, List<String> notes) {
    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";

    public Results {
        // in the order it was described: the report prints it so
        workload = Collections.unmodifiableMap(new LinkedHashMap<>(workload));
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public List<Row> rows(String group) {
        return rows.stream().filter(r -> r.group().equals(group)).toList();
    }

    public Optional<Row> row(String group, String name, String arm) {
        return rows.stream().filter(r -> r.is(group, name, arm)).findFirst();
    }

    /** Writes results.json and results.csv into {@code dir}; returns the JSON file. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(JSON);
            Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), this);
            Files.writeString(dir.resolve(CSV), csv());
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    public static boolean existIn(Path dir) {
        return Files.isRegularFile(dir.resolve(JSON));
    }

    public static Results read(Path dir) {
        Path json = dir.resolve(JSON);
        try {
            return Json.MAPPER.readValue(json.toFile(), Results.class);
        } catch (IOException e) {
            throw new LabException("cannot read results " + json + ": " + e.getMessage()
                    + " (was it written by this version of the kit? run the command again)", e);
        }
    }

    /** The rows as CSV: keys, parameters, figures (median, min, max, n), facts, load, discarded runs, commit. */
    public String csv() {
        Set<String> params = new LinkedHashSet<>();
        Set<String> figures = new LinkedHashSet<>();
        Set<String> facts = new LinkedHashSet<>();
        rows.forEach(r -> {
            params.addAll(r.params().keySet());
            figures.addAll(r.figures().keySet());
            facts.addAll(r.facts().keySet());
        });
        List<String> header = new ArrayList<>(List.of("group", "name", "arm"));
        header.addAll(params);
        figures.forEach(f -> header.addAll(List.of(f + "_median", f + "_min", f + "_max", f + "_n")));
        header.addAll(facts);
        header.addAll(List.of("load_outside_pct", "load_steal_pct", "load_max_average", "discarded_runs", "commit"));
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.group(), r.name(), r.arm()));
            params.forEach(p -> cells.add(text(r.params().get(p))));
            figures.forEach(f -> {
                Spread s = r.figures().get(f);
                cells.addAll(s == null ? List.of("", "", "", "") : List.of(number(s.median()), number(s.min()),
                        number(s.max()), Integer.toString(s.n())));
            });
            facts.forEach(f -> cells.add(text(r.facts().get(f))));
            cells.addAll(List.of(number(r.load().outsidePct()), number(r.load().stealPct()),
                    number(r.load().maxLoadAverage()), Integer.toString(r.discarded()), stamp.commit().toString()));
            out.append(cells.stream().map(Results::csvCell).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof Double d ? number(d) : String.valueOf(v);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
