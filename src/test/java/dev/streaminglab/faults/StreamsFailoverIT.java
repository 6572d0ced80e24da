package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
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
        Map<String, Object> f = FaultRuns.run(StreamsFailover.NAME, work -> StreamsFailover.run(work, SharedCluster.freePortBlock(2), 29093));
        assertThat(f.get("finals")).isEqualTo(f.get("expectedFinals"));
        assertThat(f.get("duplicates")).isEqualTo(0);
        assertThat(f.get("missing")).isEqualTo(0);
        assertThat(f.get("wrong")).isEqualTo(0);
        assertThat(f.get("survivorAlive")).isEqualTo(true);
        assertThat(((Number) f.get("takeoverMs")).longValue()).isPositive();
    }
}
