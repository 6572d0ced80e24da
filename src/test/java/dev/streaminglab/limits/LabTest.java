package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.LoadSummary;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Trials;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the runs of an experiment's arms become result rows: spreads over the runs, facts that must agree. */
class LabTest {
    private static Trials.Trial<Take> trial(String arm, int round, double ms, long count) {
        return new Trials.Trial<>(arm, round, 0, new Take().figure("ms", ms).fact("count", count),
                new LoadSummary(3, 50, 10, 0, 1, 1.5), false);
    }

    @Test
    void figuresBecomeSpreadsAndFactsThatDifferBetweenRunsAreKeptAsTheirList() {
        try (Lab lab = new Lab(KafkaConnection.of("unused:9092"), Mode.FULL, 1, Set.of())) {
            Trials.Outcome<Take> outcome = new Trials.Outcome<>(List.of(trial("a", 0, 10, 7), trial("b", 0, 5, 1),
                    trial("b", 1, 6, 1), trial("a", 1, 30, 7), trial("a", 2, 20, 8), trial("b", 2, 7, 1)), 2);
            List<Row> rows = lab.rows(outcome);
            assertThat(rows).extracting(Row::arm).containsExactly("a", "b");
            Row a = rows.get(0);
            assertThat(a.require("ms").median()).isEqualTo(20);
            assertThat(a.require("ms").min()).isEqualTo(10);
            assertThat(a.require("ms").max()).isEqualTo(30);
            assertThat(a.facts().get("count")).isEqualTo(List.of(7L, 7L, 8L));
            assertThat(rows.get(1).facts().get("count")).isEqualTo(1L);
            assertThat(a.discarded()).isEqualTo(2);
        }
    }
}
