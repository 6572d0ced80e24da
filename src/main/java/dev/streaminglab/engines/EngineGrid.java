package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public record Criterion(String name, int weight, String how, Function<EngineFigures, Map<String, Cell>> cells) {
    }

    /** The grid's columns: the measured engines, then ksqlDB, which no registry this kit can use serves. */
    public static final List<String> COLUMNS = List.of("kafka-streams", "flink-datastream", "flink-sql", "spark",
            "plain-java", "python", "ksqldb");
    static final String COMMAND = "`Engines.java --profile full`";
    /** {{figure:KIND:FIGURE:ENGINE:DECIMALS}}: a measured spread; {{fact:KIND:FACT:ENGINE}}: a counted fact. */
    private static final Pattern FIGURE = Pattern.compile("\\{\\{figure:([a-z]+):([a-z0-9_]+):([a-z-]+):([0-9])}}");
    private static final Pattern FACT = Pattern.compile("\\{\\{fact:([a-z]+):([a-z0-9_]+):([a-z-]+)}}");

    private EngineGrid() {
    }

    public static String render(String template, EngineFigures r) {
        String out = template.replace("{{GRID}}", grid(r)).replace("{{RESULTS}}", r.table())
                .replace("{{RUN}}", run(r));
        out = replace(out, FIGURE, m -> EngineFigures.format(r.figure(m.group(3), m.group(1), m.group(2)),
                Integer.parseInt(m.group(4))));
        return replace(out, FACT, m -> r.fact(m.group(3), m.group(1), m.group(2)).map(String::valueOf).orElse("–"));
    }

    private static String replace(String text, Pattern p, Function<Matcher, String> value) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(value.apply(m)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Renders the committed template with the committed results into docs/evaluation-criteria.md. */
    public static Path write(Path checkout, EngineFigures r) {
        try {
            String template = Files.readString(checkout.resolve("docs/evaluation/criteria-template.md"));
            return Files.writeString(checkout.resolve("docs/evaluation-criteria.md"), render(template, r));
        } catch (IOException e) {
            throw new LabException("cannot render docs/evaluation-criteria.md: " + e.getMessage(), e);
        }
    }

    static String run(EngineFigures r) {
        var stamp = r.results().stamp();
        var workload = r.results().workload();
        return String.format("profile **%s**, %s, commit `%s`, %s, load average at start %s; throughput and "
                + "latency: %s repetitions in alternating order, recovery: %s", stamp.profile(),
                stamp.startedAt().substring(0, 10), stamp.commit(), stamp.machine().describe(),
                stamp.machine().loadAverageAtStart(), workload.get("repetitions"),
                workload.get("recovery repetitions"));
    }

    static String grid(EngineFigures r) {
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

    /**
     * Scores of a measured figure relative to the best engine's median: 5 for the best, less in proportion;
     * the cell shows median [min–max] with {@code decimals} and the unit.
     */
    static Map<String, Cell> relative(EngineFigures r, String kind, String figure, boolean higherIsBetter,
            int decimals, String unit) {
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (String e : r.engines().keySet()) {
            r.figure(e, kind, figure).filter(s -> s.median() > 0).ifPresent(s -> {
                medians.put(e, s.median());
                shown.put(e, s.format(decimals) + unit);
            });
        }
        return relative(medians, shown, higherIsBetter);
    }

    /** As {@link #relative(EngineFigures, String, String, boolean, int, String)} for counted values. */
    static Map<String, Cell> relative(Map<String, Double> values, Map<String, String> shown, boolean higherIsBetter) {
        double best = values.values().stream().mapToDouble(Double::doubleValue)
                .reduce(higherIsBetter ? Math::max : Math::min).orElse(Double.NaN);
        Map<String, Cell> cells = new LinkedHashMap<>();
        values.forEach((e, v) -> cells.put(e, new Cell(Basis.M, 5 * (higherIsBetter ? v / best : best / v),
                shown.get(e))));
        return cells;
    }
}
