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
 * A broker of three killed with SIGKILL while the pipeline runs exactly-once, restarted 20 s later: the committed
 * final aggregates equal those recomputed from the input, none missing, none twice, none different. With
 * {@code -Dfaults.update=true} its results replace the committed ones (docs/results/faults).
 */
@Tag("long")
class BrokerCrashIT {
    @Test
    void exactlyOnceSurvivesABrokerKilledMidRun() throws Exception {
        RunStamp stamp = RunStamp.start("faults", BrokerCrash.NAME);
        Row row = BrokerCrash.run(ProcessRun.HOME.resolve("target/faults/" + BrokerCrash.NAME),
                SharedCluster.freePortBlock(4), 29091);
        Map<String, Object> f = row.facts();
        System.out.println("broker crash: " + f);
        Path out = Boolean.getBoolean("faults.update") ? ProcessRun.HOME.resolve("docs/results/faults")
                : ProcessRun.HOME.resolve("target/faults/results");
        FaultsCommand.save(out, stamp.finished(), List.of(row));
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
