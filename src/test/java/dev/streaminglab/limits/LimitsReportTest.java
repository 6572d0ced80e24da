package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.Cli;
import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.measure.CommitStamp;
import dev.streaminglab.measure.LoadSummary;
import dev.streaminglab.measure.MachineFacts;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue's report, table and charts come from results files only, and the committed doc is their output. */
class LimitsReportTest {
    static final Path DOC = LabHome.requireCheckout().resolve("docs").resolve("kafka-streams-limits.md");

    static Results lateDataResults(double load) {
        RunStamp stamp = new RunStamp("limits", "full", "2026-12-01T10:00:00Z", 12.4, new CommitStamp("abc123", false),
                new MachineFacts(2, 24L << 30, "Test CPU", "Linux", "OpenJDK 17", List.of(), "4.3.1",
                        List.of(1.5, 1.2, 1.0)));
        Row tight = Row.of("late-data-grace", Lab.RUN, "grace 5 s").fact("recordsSent", 8).fact("droppedRecordsMetric", 2)
                .fact("countWindow0s", 4).fact("warnLines", 2)
                .load(new LoadSummary(10, 60, 10, 0, load, 2.0), 0);
        Row enough = Row.of("late-data-grace", Lab.RUN, "grace 15 s").fact("recordsSent", 8)
                .fact("droppedRecordsMetric", 0).fact("countWindow0s", 6).fact("warnLines", 0)
                .load(new LoadSummary(10, 60, 10, 0, 1, 2.0), 0);
        return new Results(stamp, Map.of("repetitions", 3, "order", "randomized, seed 7"), List.of(tight, enough),
                List.of());
    }

    @Test
    void theReportQuotesTheResultsAndMarksARunOnABusyMachine(@TempDir Path dir) {
        LimitsResults store = new LimitsResults(dir);
        store.write("late-data-grace", lateDataResults(25));
        String md = LimitsReport.markdown(store);
        assertThat(md).startsWith("# Kafka Streams: possibilities and limits, measured")
                .contains("|Time: late data vs grace|**limit**|2 of 8 records later than grace dropped: window "
                        + "[0, 10 s) counted 4, not 6; 2 WARN lines")
                .contains("Commit(s): `abc123`")
                .contains("1 result row(s) include a run on a busy machine")
                .contains("grace 5 s ran on a busy machine: cpu user 60 %")
                .contains("**Demonstrated:** with 15 s of grace window [0, 10 s) counted 6 and 0 records were dropped.")
                .contains("`" + LimitsReport.SCRIPT + " run late-data-grace --mode full`");
    }

    @Test
    void aFirstEditionFindingIsShownBesideTheNewOne(@TempDir Path dir) throws Exception {
        LimitsResults store = new LimitsResults(dir);
        store.write("late-data-grace", lateDataResults(1));
        Files.createDirectories(dir.resolve(LimitsReport.FIRST_EDITION));
        Files.writeString(dir.resolve(LimitsReport.FIRST_EDITION).resolve("late-data-grace.json"), """
                {"verdict": "LIMIT", "headline": "2 of 8 records dropped", "mode": "FULL",
                 "context": {"loadAverage": 21.0}}""");
        assertThat(LimitsReport.markdown(store)).contains("|late-data-grace|limit|2 of 8 records dropped (full mode, 1 "
                + "run, load average 21.0)|2 of 8 records later than grace dropped");
    }

    @Test
    void theCommittedResultsCoverTheWholeCatalogueAndTheDocIsGeneratedFromThem() throws Exception {
        LimitsResults committed = LimitsResults.committed();
        assertThat(committed.readAll()).extracting(e -> e.about().name())
                .containsExactlyElementsOf(Catalogue.all().stream().map(e -> e.about().name()).toList());
        assertThat(Files.readString(DOC)).as("docs/kafka-streams-limits.md is generated: run '"
                + LimitsReport.SCRIPT + " report'").isEqualTo(LimitsReport.markdown(committed));
    }

    @Test
    void aFreshCheckoutsNotebookTableAndChartsComeFromTheCommittedResults() {
        List<Evidence> committed = LimitsResults.committed().readAll();
        assertThat(Catalogue.table(committed).rowCount()).isEqualTo(Catalogue.all().size());
        for (Evidence e : committed) {
            if (Catalogue.named(e.about().name()).chart().isPresent()) {
                assertThat(Catalogue.chart(e).getSeriesMap()).as(e.about().name()).isNotEmpty();
            }
        }
    }

    @Test
    void everyExperimentNamesASourceAndARemedy() {
        assertThat(Catalogue.all()).allSatisfy(e -> {
            assertThat(e.about().sources()).isNotEmpty();
            assertThat(e.about().remedy()).isNotBlank();
            assertThat(e.about().sources()).allSatisfy(s -> assertThat(s.url()).startsWith("https://"));
        });
    }

    @Test
    void anUnknownExperimentNamesTheKnownOnes() {
        assertThatThrownBy(() -> Catalogue.named("nope")).isInstanceOf(LabException.class)
                .hasMessageStartingWith("no experiment named 'nope': known are rebalance-pause, ");
    }

    @Test
    void badModeMissingNamesAndEmptyResultsAreOneLineErrors(@TempDir Path dir) {
        assertThat(Cli.run(new LimitsCommand(), "run", "--mode", "fast", "late-data-grace")).isEqualTo(Cli.FAILED);
        assertThat(Cli.run(new LimitsCommand(), "run")).isEqualTo(Cli.FAILED);
        assertThat(Cli.run(new LimitsCommand(), "report", "--results", dir.toString())).isEqualTo(Cli.FAILED);
    }

    @Test
    void theReportCommandWritesTheDocFromResults(@TempDir Path dir) throws Exception {
        new LimitsResults(dir).write("late-data-grace", lateDataResults(1));
        Path out = dir.resolve("limits.md");
        assertThat(Cli.run(new LimitsCommand(), "report", "--results", dir.toString(), "--out", out.toString()))
                .isEqualTo(0);
        assertThat(Files.readString(out)).isEqualTo(LimitsReport.markdown(new LimitsResults(dir)));
    }
}
