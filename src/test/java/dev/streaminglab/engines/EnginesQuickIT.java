package dev.streaminglab.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick profile of the engine comparison: every engine, each in its own process, reads the same input (with
 * out-of-order, late, malformed, duplicate and hostile records) and must write exactly the oracle's windows and
 * dead letters: nothing missing, wrong, duplicated or extra. The run's results file and report are well-formed.
 */
class EnginesQuickIT {
    @Test
    void everyEngineWritesExactlyTheOraclesWindowsAndDeadLetters() throws Exception {
        List<Engine> engines = Arrays.asList(Engine.values());
        EngineBench.Run run = new EngineBench(SharedCluster.connection(), EngineProfile.QUICK, engines,
                ProcessRun.HOME.resolve("target/engines-results"), System.out::println).run();

        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) run.results().workload().get("correctness input");
        assertThat(input.get("expected windows")).isEqualTo(40);
        Map<JobReason, Long> expectedLetters = Map.of(JobReason.BAD_JSON, 17L, JobReason.MISSING_FIELD, 12L,
                JobReason.OUT_OF_RANGE, 13L, JobReason.UNKNOWN_DEVICE, 11L, JobReason.LATE, 40L);
        assertThat(input.get("expected dead letters")).isEqualTo(expectedLetters);
        for (Engine e : engines) {
            assertThat(run.errors(TrialKind.CORRECTNESS, e)).as(e.id).isEmpty();
            List<Comparison> comparisons = run.comparisons(TrialKind.CORRECTNESS, e);
            assertThat(comparisons).as(e.id).hasSize(1);
            Comparison c = comparisons.get(0);
            assertThat(c.summary()).as(e.id + ": " + c.examples())
                    .isEqualTo("40/40 windows matched, 0 missing, 0 wrong, 0 duplicated, 0 unexpected; "
                            + "dead letters: 0 missing, 0 extra");
            assertThat(c.actualDeadLetters()).as(e.id).isEqualTo(expectedLetters);
        }

        EngineFigures read = EngineFigures.read(run.dir());
        assertThat(read.engines().keySet()).containsExactlyElementsOf(engines.stream().map(e -> e.id).toList());
        for (Engine e : engines) {
            Row row = read.row(e.id, TrialKind.CORRECTNESS.id()).orElseThrow();
            assertThat(row.facts()).as(e.id).containsEntry(EngineFigures.EXACT, true)
                    .containsEntry(EngineFigures.FAILED, 0).containsEntry("windows_expected", 40)
                    .containsEntry("dead_letters_expected", 93);
            assertThat(row.require("windows_matched").samples()).as(e.id).containsExactly(40.0);
            assertThat(row.require("startup_s").median()).as(e.id).isPositive();
            assertThat(read.correctness(e.id)).isEqualTo("exact (40/40 windows)");
            assertThat(read.linesOfCode(e.id)).as(e.id).isPositive();
        }
        assertThat(Files.readAllLines(run.dir().resolve(Results.CSV)).get(0))
                .startsWith("group,name,arm,records,guarantee,");
        assertThat(Files.readString(run.dir().resolve("report.md"))).contains("|kafka-streams|exact (40/40 windows)|")
                .contains("Commit: `" + run.results().stamp().commit() + "`");
        assertThat(run.dir().resolve("startup.png")).isNotEmptyFile();
        assertThat(run.dir().resolve("throughput.png")).doesNotExist();
    }
}
