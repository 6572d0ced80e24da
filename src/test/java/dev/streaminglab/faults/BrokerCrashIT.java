package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A broker of three killed with SIGKILL while the pipeline runs exactly-once, restarted 20 s later: the committed
 * final aggregates equal those recomputed from the input, none missing, none twice, none different. With
 * {@code -Dfaults.update=true} its results replace the committed ones (docs/results/faults).
 */
@Tag("long")
class BrokerCrashIT {
    @Test
    void exactlyOnceSurvivesABrokerKilledMidRun() throws Exception {
        Map<String, Object> f = FaultRuns.run(BrokerCrash.NAME, work -> BrokerCrash.run(work, SharedCluster.freePortBlock(4), 29091));
        assertThat(f.get("expectedFinals")).isEqualTo(KnownReadings.DEVICES * KnownReadings.STEPS
                * (int) KnownReadings.STEP.toSeconds() / 60);
        assertThat(f.get("finals")).isEqualTo(f.get("expectedFinals"));
        assertThat(f.get("duplicates")).isEqualTo(0);
        assertThat(f.get("missing")).isEqualTo(0);
        assertThat(f.get("wrong")).isEqualTo(0);
        assertThat(f.get("pipelineAlive")).isEqualTo(true);
        assertThat(((Number) f.get("finalsAtKill")).intValue()).isPositive();
    }
}
