package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.bench.LatencyJoin.Sent;
import dev.streaminglab.bench.LatencyJoin.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a reading became visible to a dashboard user, read from window updates. */
class LatencyJoinTest {
    private static final long W = 1_700_000_040_000L - 1_700_000_040_000L % 60_000;

    @Test
    void aReadingIsSeenAtTheFirstUpdateThatCountsItAndItsLatencyRunsFromItsCreation() {
        List<Sent> sent = List.of(new Sent("m1", W + 100), new Sent("m1", W + 200), new Sent("m2", W + 150),
                new Sent("m1", W + 300));
        // A cache flush at W+1000 counts the first two readings of m1 at once; the third comes with the next flush.
        List<Update> updates = List.of(new Update("m1", W, 2, W + 1000, W + 1003, W + 1005),
                new Update("m2", W, 1, W + 1000, W + 1004, W + 1006),
                new Update("m1", W, 3, W + 2000, W + 2002, W + 2010));
        LatencyJoin.Outcome o = LatencyJoin.join(sent, updates, W, W + 60_000);
        assertThat(o.readings()).isEqualTo(4);
        assertThat(o.missing()).isZero();
        assertThat(o.endToEnd().getMaxValue()).isEqualTo(1710);
        assertThat(o.endToEnd().getMinValue()).isEqualTo(805);
        assertThat(o.endToEnd().getTotalCount()).isEqualTo(4);
        assertThat(o.pipeline().getMaxValue()).isEqualTo(1700);
        assertThat(o.toClient().getMaxValue()).isEqualTo(8);
    }

    @Test
    void readingsOutsideTheMeasuredRangeStillCountTowardsTheWindowAndUnseenOnesAreCounted() {
        List<Sent> sent = List.of(new Sent("m1", W + 100), new Sent("m1", W + 5_000), new Sent("m1", W + 9_000));
        List<Update> updates = List.of(new Update("m1", W, 2, W + 6_000, W + 6_001, W + 6_002));
        LatencyJoin.Outcome o = LatencyJoin.join(sent, updates, W + 1_000, W + 60_000);
        assertThat(o.readings()).isEqualTo(2);
        assertThat(o.missing()).isEqualTo(1);
        assertThat(o.endToEnd().getTotalCount()).isEqualTo(1);
        assertThat(o.endToEnd().getMaxValue()).isEqualTo(1002);
    }
}
