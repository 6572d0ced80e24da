package dev.streaminglab.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.domain.Json;
import dev.streaminglab.measure.MachineFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * The files of one benchmark run: {@code machine.json} (machine facts), {@code parameters.json} (profile,
 * suites, duration), {@code results.csv} and {@code results.json} (one row per measurement, same content),
 * {@code report.md} and the charts. Runs live in {@code .work/results/bench/<timestamp>-<profile>/} of the
 * checkout (git-ignored); {@code .work/results/bench/latest/} is a copy of the newest run, for notebooks.
 */
public final class BenchResults {
    public static final String LATEST = "latest";
    public static final String MACHINE = "machine.json";
    public static final String PARAMETERS = "parameters.json";
    public static final String CSV = "results.csv";
    public static final String JSON = "results.json";
    public static final String REPORT = "report.md";

    /** The run's settings as parameters.json records them, and the steps that failed (none in a good run). */
    public record Parameters(Profile profile, List<String> suites, String startedAt, String commit,
            double durationSeconds, List<String> failures) {
    }

    private final Path dir;
    private final MachineFacts machine;
    private final Parameters parameters;
    private final List<Measurement> rows;

    BenchResults(Path dir, MachineFacts machine, Parameters parameters, List<Measurement> rows) {
        this.dir = dir;
        this.machine = machine;
        this.parameters = parameters;
        this.rows = List.copyOf(rows);
    }

    /** Where runs are kept unless told otherwise: .work/results/bench, beside the limits' findings. */
    public static Path defaultRoot() {
        return LabHome.workDir().resolve("results").resolve("bench");
    }

    /**
     * The full run on the reference machine, committed under docs/results/bench with its machine facts, so a
     * fresh checkout's notebook and deck show measured figures without an hour of benchmarking first.
     */
    public static Path committedRun() {
        return LabHome.requireCheckout().resolve("docs").resolve("results").resolve("bench");
    }

    /**
     * This checkout's newest run, else the committed full run, else a quick run made now (a fresh clone without
     * committed results).
     */
    public static BenchResults latestOrRunQuick() {
        return latest(defaultRoot())
                .or(() -> Files.isRegularFile(committedRun().resolve(JSON)) ? Optional.of(read(committedRun()))
                        : Optional.empty())
                .orElseGet(() -> BenchRunner.run(new BenchRunner.Options(Profile.QUICK, BenchRunner.ALL_SUITES,
                        defaultRoot(), LabHome.workDir().resolve("bench"), 0, false)));
    }

    public static Optional<BenchResults> latest(Path root) {
        Path latest = root.resolve(LATEST);
        return Files.isRegularFile(latest.resolve(JSON)) ? Optional.of(read(latest)) : Optional.empty();
    }

    public static BenchResults read(Path dir) {
        try {
            MachineFacts machine = Json.MAPPER.readValue(dir.resolve(MACHINE).toFile(), MachineFacts.class);
            Parameters parameters = Json.MAPPER.readValue(dir.resolve(PARAMETERS).toFile(), Parameters.class);
            List<Map<String, Object>> raw = Json.MAPPER.readValue(dir.resolve(JSON).toFile(), new TypeReference<>() {
            });
            List<Measurement> rows = new ArrayList<>();
            for (Map<String, Object> r : raw) {
                Measurement m = new Measurement((String) r.get("suite"), (String) r.get("name"),
                        (String) r.get("implementation"));
                ((Map<?, ?>) r.get("params")).forEach((k, v) -> m.param((String) k, v));
                ((Map<?, ?>) r.get("metrics")).forEach((k, v) -> m.metric((String) k, ((Number) v).doubleValue()));
                rows.add(m);
            }
            return new BenchResults(dir, machine, parameters, rows);
        } catch (IOException e) {
            throw new LabException("cannot read benchmark results in " + dir + ": " + e.getMessage()
                    + " (run ./lab jbang run jbang-scripts/Bench.java --profile quick)", e);
        }
    }

    /** Writes the data files (not the report) into {@link #dir()}. */
    void writeData() {
        try {
            Files.createDirectories(dir);
            var writer = Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);
            writer.writeValue(dir.resolve(MACHINE).toFile(), machine);
            writer.writeValue(dir.resolve(PARAMETERS).toFile(), parameters);
            List<Map<String, Object>> json = rows.stream().map(m -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("suite", m.suite());
                r.put("name", m.name());
                r.put("implementation", m.implementation());
                r.put("params", m.params());
                r.put("metrics", m.metrics());
                return r;
            }).toList();
            writer.writeValue(dir.resolve(JSON).toFile(), json);
            StringBuilder csv = new StringBuilder(String.join(",", Measurement.COLUMNS)).append('\n');
            for (Measurement m : rows) {
                csv.append(Measurement.COLUMNS.stream().map(c -> csvCell(m.cell(c))).collect(Collectors.joining(",")))
                        .append('\n');
            }
            Files.writeString(dir.resolve(CSV), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces root/latest with a copy of this run, so readers always find the newest in one place. */
    void copyToLatest() {
        Path latest = dir.getParent().resolve(LATEST);
        try {
            FileUtils.deleteDirectory(latest.toFile());
            Files.createDirectories(latest);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    public Path dir() {
        return dir;
    }

    public MachineFacts machine() {
        return machine;
    }

    public Parameters parameters() {
        return parameters;
    }

    public List<Measurement> rows() {
        return rows;
    }

    public List<Measurement> rows(String suite) {
        return rows(m -> m.suite().equals(suite));
    }

    public List<Measurement> rows(Predicate<Measurement> filter) {
        return rows.stream().filter(filter).toList();
    }

    /** The CSV as a Tablesaw table, for notebooks. */
    public tech.tablesaw.api.Table table() {
        return tech.tablesaw.api.Table.read().csv(dir.resolve(CSV).toFile());
    }
}
