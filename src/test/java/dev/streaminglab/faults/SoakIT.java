package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.SharedCluster;
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
        Map<String, Object> f = FaultRuns.run(Soak.NAME, work -> Soak.run(work, SharedCluster.freePortBlock(5), 29092, Duration.ofMinutes(minutes)));
        for (String kind : List.of("heapMb", "rssMb")) {
            Map<?, ?> byJob = (Map<?, ?>) f.get(kind);
            assertThat(byJob.keySet().stream().map(String::valueOf).toList()).as(kind)
                    .containsExactlyInAnyOrder("kafka", "connect", "streams");
        }
    }
}
