package dev.streaminglab.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts that differed between runs (kept as lists) read as their median; anything else is refused by name. */
class EvidenceTest {
    private static final String NAME = "standby-failover";

    private static Evidence with(Object fact) {
        Row row = Row.of(NAME, Lab.RUN, "arm").fact("restored", fact);
        return new Evidence(Catalogue.named(NAME).about(),
                new Results(RunStamp.start("limits", "full").finished(), Map.of(), List.of(row), List.of()));
    }

    @Test
    void aCountThatDifferedBetweenRunsReadsAsItsMedian() {
        assertThat(with(49_887).count(Lab.RUN, "arm", "restored")).isEqualTo(49_887);
        assertThat(with(List.of(50_113, 49_887, 49_887)).count(Lab.RUN, "arm", "restored")).isEqualTo(49_887);
        assertThat(with(List.of(9, 0, 9)).count(Lab.RUN, "arm", "restored")).isEqualTo(9);
        assertThat(with(List.of(4, 1, 3, 2)).count(Lab.RUN, "arm", "restored")).isEqualTo(2);
    }

    @Test
    void aFactThatIsNoCountIsRefusedByName() {
        assertThatThrownBy(() -> with("RUNNING").count(Lab.RUN, "arm", "restored"))
                .hasMessage("standby-failover/run/arm fact 'restored' is not a number: RUNNING");
    }
}
