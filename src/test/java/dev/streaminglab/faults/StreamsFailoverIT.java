package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One of two pipeline instances killed with SIGKILL: the survivor takes every partition over and the committed
 * final aggregates equal those recomputed from the input. With {@code -Dfaults.update=true} its results replace
 * the committed ones.
 */
@Tag("long")
class StreamsFailoverIT {
    @Test
    void theSurvivorTakesOverAndExactlyOnceHolds() throws Exception {
        RunStamp stamp = RunStamp.start("faults", StreamsFailover.NAME);
        Row row = StreamsFailover.run(ProcessRun.HOME.resolve("target/faults/" + StreamsFailover.NAME),
                SharedCluster.freePortBlock(2), 29093);
        Map<String, Object> f = row.facts();
        System.out.println("streams failover: " + f);
        Path out = Boolean.getBoolean("faults.update") ? ProcessRun.HOME.resolve("docs/results/faults")
                : ProcessRun.HOME.resolve("target/faults/results");
        FaultsCommand.save(out, stamp.finished(), List.of(row));
        assertThat(f.get("finals")).isEqualTo(f.get("expectedFinals"));
        assertThat(f.get("duplicates")).isEqualTo(0);
        assertThat(f.get("missing")).isEqualTo(0);
        assertThat(f.get("wrong")).isEqualTo(0);
        assertThat(f.get("survivorAlive")).isEqualTo(true);
        assertThat(((Number) f.get("takeoverMs")).longValue()).isPositive();
        assertThat(((Number) f.get("standbyRecordsUpdatedBeforeKill")).doubleValue()).isPositive();
    }
}
