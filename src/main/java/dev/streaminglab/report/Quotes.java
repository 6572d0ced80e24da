package dev.streaminglab.report;

import dev.streaminglab.LabException;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template step between measured results and prose: a text quotes a figure as
 * {@code {{source|group|name|arm|figure}}} and gets it from the results file, never typed by hand. {@code source}
 * is a folder under {@code docs/results} (e.g. {@code bench}, {@code engines}, {@code limits/restore-time}).
 * <ul>
 * <li>{@code ...|figure}: "median [min–max]"; {@code ...|figure|median} (or min, max, n): one number;</li>
 * <li>{@code ...|fact:name}: an exact fact of the row;</li>
 * <li>{@code {{source|stamp}}}: where the figures come from (kind, profile, commit, date, machine).</li>
 * </ul>
 * Numbers print with thousands separators and as many decimals as their size needs. A quote that names no existing
 * row or figure fails the rendering: a slide never shows a stale or invented number.
 */
public final class Quotes {
    private static final Pattern QUOTE = Pattern.compile("\\{\\{([^{}|]+)\\|([^{}]+)}}");

    private final Path resultsRoot;
    private final Map<String, Results> loaded = new HashMap<>();

    public Quotes(Path resultsRoot) {
        this.resultsRoot = resultsRoot;
    }

    /** Replaces every quote in {@code template}. */
    public String render(String template) {
        Matcher m = QUOTE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(quote(m.group(1).strip(), m.group(2).split("\\|"))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The results a source names, read once. */
    public Results results(String source) {
        return loaded.computeIfAbsent(source, s -> {
            Path dir = resultsRoot.resolve(s);
            if (!Results.existIn(dir)) {
                throw new LabException("no results in " + dir + " for the quote source '" + s
                        + "': run the command that writes them (see docs/results/README.md)");
            }
            return Results.read(dir);
        });
    }

    private String quote(String source, String[] path) {
        Results results = results(source);
        if (path.length == 1 && path[0].strip().equals("stamp")) {
            return results.stamp().footer();
        }
        if (path.length < 4) {
            throw new LabException("a quote needs source|group|name|arm|figure, got " + source + "|"
                    + String.join("|", path));
        }
        String group = path[0].strip();
        String name = path[1].strip();
        String arm = path[2].strip();
        Row row = results.row(group, name, arm).orElseThrow(() -> new LabException("no row " + group + " / " + name
                + " / " + arm + " in " + source + " results (quoted in a template)"));
        String figure = path[3].strip();
        if (figure.startsWith("fact:")) {
            Object fact = row.facts().get(figure.substring(5));
            if (fact == null) {
                throw new LabException("row " + group + " / " + name + " / " + arm + " has no fact '"
                        + figure.substring(5) + "' (facts: " + row.facts().keySet() + ")");
            }
            return fact instanceof Number n ? number(n.doubleValue()) : String.valueOf(fact);
        }
        Spread s = row.require(figure);
        String view = path.length > 4 ? path[4].strip() : "spread";
        return switch (view) {
            case "spread" -> s.n() == 1 ? number(s.median()) + " (one run)"
                    : number(s.median()) + " [" + number(s.min()) + "–" + number(s.max()) + "]";
            case "median" -> number(s.median());
            case "min" -> number(s.min());
            case "max" -> number(s.max());
            case "n" -> Integer.toString(s.n());
            default -> throw new LabException("unknown quote view '" + view + "': use spread, median, min, max or n");
        };
    }

    /** As many decimals as the size needs: 123,456 · 12.3 · 1.23 · 0.012. */
    static String number(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%,.0f" : a >= 10 ? "%,.1f" : a >= 0.1 ? "%.2f" : a == 0 ? "%.0f" : "%.3g";
        return String.format(Locale.ROOT, f, v);
    }

    /** Renders a template file into its output file; returns the output. */
    public Path renderFile(Path template, Path output) {
        try {
            Files.writeString(output, render(Files.readString(template)));
            return output;
        } catch (IOException e) {
            throw new LabException("cannot render " + template + " into " + output + ": " + e.getMessage(), e);
        }
    }
}
