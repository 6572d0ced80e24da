package dev.streaminglab.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick profile of the engine comparison: every engine, each in its own process, reads the same input (with
 * out-of-order, late, malformed, duplicate and hostile records) and must write exactly the oracle's windows and
 * dead letters: nothing missing, wrong, duplicated or extra.
 */
class EnginesQuickIT {
    @Test
    void everyEngineWritesExactlyTheOraclesWindowsAndDeadLetters() throws Exception {
        List<Engine> engines = Arrays.asList(Engine.values());
        EngineBench bench = new EngineBench(SharedCluster.connection(), EngineProfile.QUICK, engines,
                ProcessRun.HOME.resolve("target/engines-results"), System.out::println);
        EngineResults results = bench.run();

        assertThat(results.input().expectedWindows()).isEqualTo(40);
        assertThat(results.input().expectedDeadLetters()).isEqualTo(Map.of(JobReason.BAD_JSON, 17L,
                JobReason.MISSING_FIELD, 12L, JobReason.OUT_OF_RANGE, 13L, JobReason.UNKNOWN_DEVICE, 11L,
                JobReason.LATE, 40L));
        assertThat(results.trials()).extracting(EngineResults.Trial::engine)
                .containsExactlyElementsOf(engines.stream().map(e -> e.id).toList());
        for (EngineResults.Trial t : results.trials()) {
            assertThat(t.error()).as(t.engine()).isNull();
            assertThat(t.comparison().summary()).as(t.engine() + ": " + t.comparison().examples())
                    .isEqualTo("40/40 windows matched, 0 missing, 0 wrong, 0 duplicated, 0 unexpected; "
                            + "dead letters: 0 missing, 0 extra");
            assertThat(t.comparison().actualDeadLetters()).as(t.engine()).isEqualTo(results.input().expectedDeadLetters());
        }
        assertThat(Files.readAllLines(bench.runDir().resolve(EngineResults.CSV)).get(0))
                .isEqualTo("commit,engine,kind,repetition,position,metric,value,unit");
        assertThat(EngineResults.read(bench.runDir()).find("python", "static", "lines_of_code")).isPresent();
    }
}
