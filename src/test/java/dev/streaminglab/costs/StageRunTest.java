package dev.streaminglab.costs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Where the clock of a cost measurement stops, and what the settings of its arms are. */
class StageRunTest {
    private static final TopicPartition IN0 = new TopicPartition("in", 0);
    private static final TopicPartition IN1 = new TopicPartition("in", 1);
    private static final TopicPartition FED = new TopicPartition("app-by-site-repartition", 0);

    @Test
    void theClockStopsOnlyWhenEveryInputPartitionIsCommittedToItsEnd() {
        Map<TopicPartition, Long> end = Map.of(IN0, 500L, IN1, 700L);
        assertThat(StageRun.caughtUp(Map.of(IN0, 500L, IN1, 699L), end, Map.of(), false)).isFalse();
        assertThat(StageRun.caughtUp(Map.of(IN0, 500L), end, Map.of(), false)).isFalse();
        assertThat(StageRun.caughtUp(Map.of(IN0, 500L, IN1, 700L), end, Map.of(), false)).isTrue();
    }

    @Test
    void topicsTheApplicationFeedsItselfMustBeDoneTooLessTheCommitMarkerUnderExactlyOnce() {
        Map<TopicPartition, Long> end = Map.of(IN0, 500L);
        Map<TopicPartition, Long> committed = Map.of(IN0, 500L, FED, 41L);
        assertThat(StageRun.caughtUp(committed, end, Map.of(FED, 42L), false)).isFalse();
        assertThat(StageRun.caughtUp(committed, end, Map.of(FED, 42L), true)).isTrue();
        assertThat(StageRun.caughtUp(committed, end, Map.of(FED, 43L), true)).isFalse();
    }

    /** A repartition partition no key hashed to stays empty and never gets a commit: it must not stop the clock. */
    @Test
    void anEmptyPartitionWithoutACommitIsNotBehind() {
        Map<TopicPartition, Long> end = Map.of(IN0, 500L);
        Map<TopicPartition, Long> committed = Map.of(IN0, 500L);
        assertThat(StageRun.caughtUp(committed, end, Map.of(FED, 0L), false)).isTrue();
        assertThat(StageRun.caughtUp(committed, end, Map.of(FED, 0L), true)).isTrue();
        assertThat(StageRun.caughtUp(committed, end, Map.of(FED, 1L), false)).isFalse();
    }

    @Test
    void exactlyOnceArmsDifferFromTheBaseInGuaranteeAndCommitIntervalOnly() {
        ExactlyOnceCost.Setup s = new ExactlyOnceCost.Setup(Stage.PIPELINE,
                StreamsSetup.production(Guarantee.EXACTLY_ONCE_V2).withCacheBytes(0L), List.of(1000L, 100L));
        assertThat(s.atLeastOnce()).isEqualTo(new StreamsSetup(Guarantee.AT_LEAST_ONCE, 1000, 0L, 1, false));
        assertThat(s.exactlyOnce()).containsExactly(new StreamsSetup(Guarantee.EXACTLY_ONCE_V2, 1000, 0L, 1, false),
                new StreamsSetup(Guarantee.EXACTLY_ONCE_V2, 100, 0L, 1, false));
        assertThat(s.atLeastOnce().label()).isEqualTo("at_least_once, commit 1000 ms, cache off");
        assertThat(StreamsSetup.production(Guarantee.EXACTLY_ONCE_V2).label())
                .isEqualTo("exactly_once_v2, commit 1000 ms, cache on");
    }
}
