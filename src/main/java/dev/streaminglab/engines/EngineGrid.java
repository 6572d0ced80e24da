package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/evaluation-criteria.md, generated: the template docs/evaluation/criteria-template.md with its
 * placeholders filled from a results file, so no figure in the grid is typed by hand. Every cell says whether
 * it is measured (M: figure and command), cited (C: source and version) or judged (J: the reason); each engine's
 * weighted score is the sum of weight × cell score (0 to 5) over the criteria, divided by 5.
 */
public final class EngineGrid {
    /** How a cell is known. */
    public enum Basis {
        M, C, J
    }

    /** One cell: its basis, a score from 0 to 5 (NaN: not scored), and what it says. */
    public record Cell(Basis basis, double score, String text) {
        static Cell judged(double score, String reason) {
            return new Cell(Basis.J, score, reason);
        }

        static Cell cited(double score, String source) {
            return new Cell(Basis.C, score, source);
        }
    }

    /** A criterion of the grid: its weight (all weights add up to 100), its question, and its cells by engine. */
    public record Criterion(String name, int weight, String how, Function<EngineResults, Map<String, Cell>> cells) {
    }

    /** The grid's columns: the measured engines, then ksqlDB, which no registry this kit can use serves. */
    public static final List<String> COLUMNS = List.of("kafka-streams", "flink-datastream", "flink-sql", "spark",
            "plain-java", "python", "ksqldb");
    static final String COMMAND = "`Engines.java --profile full`";
    private static final Pattern FIGURE = Pattern.compile("\\{\\{figure:([a-z]+):([a-z0-9_]+):([a-z-]+):([^}]+)}}");

    private EngineGrid() {
    }

    public static String render(String template, EngineResults r) {
        String out = template.replace("{{GRID}}", grid(r)).replace("{{RESULTS}}", EngineReport.table(r))
                .replace("{{RUN}}", run(r));
        Matcher m = FIGURE.matcher(out);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Optional<EngineResults.Summary> s = r.find(m.group(3), m.group(1), m.group(2));
            m.appendReplacement(b, Matcher.quoteReplacement(EngineReport.spread(s, m.group(4))));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Renders the committed template with the committed results into docs/evaluation-criteria.md. */
    public static Path write(Path checkout, EngineResults r) {
        try {
            String template = Files.readString(checkout.resolve("docs/evaluation/criteria-template.md"));
            return Files.writeString(checkout.resolve("docs/evaluation-criteria.md"), render(template, r));
        } catch (IOException e) {
            throw new LabException("cannot render docs/evaluation-criteria.md: " + e.getMessage(), e);
        }
    }

    static String run(EngineResults r) {
        var m = r.stamp().machine();
        return String.format("profile **%s**, %s, commit `%s`, %s, load average at start %s; throughput and "
                + "latency: %d repetitions in alternating order, recovery: %d", r.profile().name(),
                r.stamp().startedAt().substring(0, 10), r.stamp().commit(), m.describe(), m.loadAverageAtStart(),
                r.profile().repetitions(), r.profile().recoveryRepetitions());
    }

    static String grid(EngineResults r) {
        StringBuilder b = new StringBuilder("| criterion (weight) | how | " + String.join(" | ", COLUMNS) + " |\n|---|---|");
        b.append("---|".repeat(COLUMNS.size())).append('\n');
        Map<String, Double> total = new LinkedHashMap<>();
        Map<String, Boolean> complete = new LinkedHashMap<>();
        for (Criterion c : EngineCriteria.ALL) {
            Map<String, Cell> cells = c.cells().apply(r);
            b.append("| ").append(c.name()).append(" (").append(c.weight()).append(") | ").append(c.how());
            for (String e : COLUMNS) {
                Cell cell = cells.get(e);
                b.append(" | ").append(cell == null ? "–" : format(cell));
                if (cell != null && !Double.isNaN(cell.score())) {
                    total.merge(e, c.weight() * cell.score() / 5, Double::sum);
                } else {
                    complete.put(e, false);
                }
            }
            b.append(" |\n");
        }
        b.append("| **weighted score** (of 100) | Σ weight × score / 5 |");
        for (String e : COLUMNS) {
            b.append(" ").append(total.containsKey(e) ? String.format("**%.0f**", total.get(e)) : "–")
                    .append(complete.getOrDefault(e, true) ? "" : " (partial)").append(" |");
        }
        return b.append('\n').toString();
    }

    private static String format(Cell c) {
        return (Double.isNaN(c.score()) ? "" : String.format("%.1f · ", c.score())) + "**" + c.basis() + "** " + c.text();
    }

    /** Scores of a measured figure relative to the best engine: 5 for the best, less in proportion. */
    static Map<String, Cell> relative(EngineResults r, String kind, String metric, boolean higherIsBetter,
            String format) {
        Map<String, EngineResults.Summary> found = new LinkedHashMap<>();
        for (String e : r.engines().keySet()) {
            r.find(e, kind, metric).filter(s -> s.median() > 0).ifPresent(s -> found.put(e, s));
        }
        double best = found.values().stream().mapToDouble(EngineResults.Summary::median)
                .reduce(higherIsBetter ? Math::max : Math::min).orElse(Double.NaN);
        Map<String, Cell> cells = new LinkedHashMap<>();
        found.forEach((e, s) -> cells.put(e, new Cell(Basis.M, 5 * (higherIsBetter ? s.median() / best
                : best / s.median()), EngineReport.spread(Optional.of(s), format))));
        return cells;
    }

    static List<String> engines(EngineResults r) {
        return new ArrayList<>(r.engines().keySet());
    }
}
