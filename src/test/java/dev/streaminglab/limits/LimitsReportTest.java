package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.Cli;
import dev.streaminglab.LabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsReportTest {
    static Finding finding(String name, Verdict verdict, String headline) {
        return new Finding(name, "Time: late data | grace", "What happens?", "1 partition.", Mode.FULL, verdict,
                headline, "Alert on the metric.", Map.of("dropped", 2), List.of(),
                new RunContext("2026-11-26T10:00:00Z", 1234, 1, 2, 1.5, "4.3.1"));
    }

    @Test
    void theTableHasOneRowPerFindingWithItsCommandAndTheLoadIsLabelled() {
        String md = LimitsReport.markdown(List.of(finding("late-data-grace", Verdict.LIMIT, "2 of 8 dropped")));
        assertThat(md).contains("| Time: late data \\| grace | **limit** | 2 of 8 dropped | "
                + "`./lab jbang run jbang-scripts/Limits.java run late-data-grace --mode full` |");
        assertThat(md).contains("1 in full mode").contains("load average 1.5 to 1.5").contains("Kafka 4.3.1");
        assertThat(md).contains("- **limit** (1): Time: late data | grace (2 of 8 dropped).");
    }

    @Test
    void findingsRoundTripThroughTheResultFolderInCatalogueOrder(@TempDir Path dir) {
        ResultStore store = new ResultStore(dir);
        store.write(finding("store-rename", Verdict.LIMIT, "b"));
        store.write(finding("late-data-grace", Verdict.LIMIT, "a"));
        assertThat(store.readAll()).extracting(Finding::experiment).containsExactly("late-data-grace", "store-rename");
        assertThat(store.read("late-data-grace")).get().extracting(f -> f.figures().get("dropped")).isEqualTo(2);
    }

    @Test
    void anUnknownExperimentNamesTheKnownOnes() {
        assertThatThrownBy(() -> Experiments.named("nope")).isInstanceOf(LabException.class)
                .hasMessageStartingWith("no experiment named 'nope': known are rebalance-pause, ");
    }

    @Test
    void badModeAndMissingNamesAreOneLineErrors(@TempDir Path dir) {
        assertThat(Cli.run(new LimitsCommand(), "run", "--mode", "fast", "late-data-grace")).isEqualTo(Cli.FAILED);
        assertThat(Cli.run(new LimitsCommand(), "run")).isEqualTo(Cli.FAILED);
        assertThat(Cli.run(new LimitsCommand(), "report", "--results", dir.toString())).isEqualTo(Cli.FAILED);
    }

    @Test
    void theReportCommandWritesTheDocFromStoredFindings(@TempDir Path dir) throws Exception {
        new ResultStore(dir).write(finding("late-data-grace", Verdict.LIMIT, "2 of 8 dropped"));
        Path out = dir.resolve("limits.md");
        assertThat(Cli.run(new LimitsCommand(), "report", "--results", dir.toString(), "--out", out.toString()))
                .isEqualTo(0);
        assertThat(Files.readString(out)).startsWith("# Kafka Streams: possibilities and limits, measured");
    }
}
