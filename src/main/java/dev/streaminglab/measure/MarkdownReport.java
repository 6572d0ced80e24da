package dev.streaminglab.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one report writer: a short Markdown page that starts with where its figures come from (the run's stamp and
 * workload), then tables of "median [min–max]" cells and the charts. Reports are read on GitHub and in the deck's
 * source, so plain Markdown, no HTML.
 */
public final class MarkdownReport {
    private final StringBuilder md = new StringBuilder();

    public MarkdownReport heading(int level, String text) {
        md.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    public MarkdownReport paragraph(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    public MarkdownReport bullets(List<String> items) {
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
        return this;
    }

    /** Commit, profile, date, duration, machine and load at start; then the workload as a list. */
    public MarkdownReport stamp(RunStamp stamp, Map<String, Object> workload) {
        bullets(List.of(
                "Command kind: **" + stamp.kind() + "**, profile **" + stamp.profile() + "**",
                "Commit: `" + stamp.commit() + "`" + (stamp.commit().dirty()
                        ? " (**uncommitted changes**: these figures belong to no commit)" : ""),
                "Started " + stamp.startedAt() + ", took " + Math.round(stamp.durationSeconds()) + " s",
                "Machine: " + stamp.machine().describe() + "; load average at start "
                        + stamp.machine().loadAverageAtStart()));
        if (!workload.isEmpty()) {
            paragraph("Workload:");
            bullets(workload.entrySet().stream().map(e -> "`" + e.getKey() + "`: " + e.getValue()).toList());
        }
        return this;
    }

    public MarkdownReport table(List<String> header, List<List<String>> rows) {
        md.append('|').append(String.join("|", header)).append("|\n|")
                .append(header.stream().map(h -> "---").collect(Collectors.joining("|"))).append("|\n");
        rows.forEach(r -> md.append('|').append(r.stream().map(c -> c.replace("|", "\\|"))
                .collect(Collectors.joining("|"))).append("|\n"));
        md.append('\n');
        return this;
    }

    public MarkdownReport image(String file, String alt) {
        md.append("![").append(alt).append("](").append(file).append(")\n\n");
        return this;
    }

    public String text() {
        return md.toString();
    }

    public Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, md);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
