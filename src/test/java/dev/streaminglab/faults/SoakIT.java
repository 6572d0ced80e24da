package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak profile: the whole kit for an hour ({@code -Dsoak.minutes} to change it), then heap and resident
 * memory of every process from Prometheus. The test checks that every process was scraped the whole time and
 * reports the trends; whether a trend is a leak is for a person to judge from the report (a heap grows until its
 * first full GC). With {@code -Dfaults.update=true} the results replace the committed ones.
 */
@Tag("long")
class SoakIT {
    @Test
    void everyProcessIsWatchedForAnHourAndItsMemoryTrendReported() throws Exception {
        long minutes = Long.getLong("soak.minutes", 60);
        RunStamp stamp = RunStamp.start("faults", Soak.NAME);
        Row row = Soak.run(ProcessRun.HOME.resolve("target/faults/" + Soak.NAME), SharedCluster.freePortBlock(5),
                29092, Duration.ofMinutes(minutes));
        System.out.println("soak: " + row.facts());
        Path out = Boolean.getBoolean("faults.update") ? ProcessRun.HOME.resolve("docs/results/faults")
                : ProcessRun.HOME.resolve("target/faults/results");
        FaultsCommand.save(out, stamp.finished(), List.of(row));
        for (String kind : List.of("heapMb", "rssMb")) {
            Map<?, ?> byJob = (Map<?, ?>) row.facts().get(kind);
            assertThat(byJob.keySet()).as(kind).containsExactlyInAnyOrder("kafka", "connect", "streams");
        }
    }
}
