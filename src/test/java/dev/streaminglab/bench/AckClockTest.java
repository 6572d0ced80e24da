package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.bench.AckClock.Phase;
import org.junit.jupiter.api.Test;

/** Where the producers' throughput window starts and ends: the same rule for every producer under test. */
class AckClockTest {
    private static final long S = 1_000_000_000L;

    @Test
    void warmUpIsTimeFromTheFirstSendNotARecordIndex() {
        AckClock c = new AckClock(5 * S, 20 * S);
        assertThat(c.tick(100 * S, 0, 0, 0)).isEqualTo(Phase.WAITING);
        assertThat(c.tick(101 * S, 1, 0, 0)).isEqualTo(Phase.WARMING_UP);
        assertThat(c.tick(105 * S, 900_000, 850_000, 85_000_000)).isEqualTo(Phase.WARMING_UP);
        // 5 s after the first send: the warm-up ends whatever the count; 1,000,000 records were sent in it.
        assertThat(c.tick(106 * S, 1_000_000, 900_000, 90_000_000)).isEqualTo(Phase.DRAINING);
        assertThat(c.sendsInWarmup()).isEqualTo(1_000_000);
    }

    @Test
    void theWindowOpensOnlyOnceEveryWarmUpRecordIsAcknowledgedAndCountsAcknowledgementsBetweenTwoTimes() {
        AckClock c = new AckClock(5 * S, 20 * S);
        c.tick(0, 1, 0, 0);
        c.tick(5 * S, 1_000_000, 600_000, 60_000_000);
        // The buffer the warm-up filled is still draining: its acknowledgements are not the steady state.
        assertThat(c.tick(6 * S, 1_200_000, 999_999, 99_999_900)).isEqualTo(Phase.DRAINING);
        assertThat(c.tick(6 * S + 5_000_000, 1_210_000, 1_000_000, 100_000_000)).isEqualTo(Phase.MEASURING);
        assertThat(c.tick(26 * S, 5_000_000, 4_999_000, 499_900_000)).isEqualTo(Phase.MEASURING);
        assertThat(c.tick(26 * S + 5_000_000, 5_010_000, 5_000_000, 500_000_000)).isEqualTo(Phase.DONE);
        assertThat(c.acksInWindow()).isEqualTo(4_000_000);
        assertThat(c.bytesInWindow()).isEqualTo(400_000_000);
        assertThat(c.windowSeconds()).isEqualTo(20.0);
        assertThat(c.secondsBeforeWindow()).isEqualTo(6.005);
        // Later acknowledgements (the flush, the close) change nothing.
        assertThat(c.tick(40 * S, 6_000_000, 6_000_000, 600_000_000)).isEqualTo(Phase.DONE);
        assertThat(c.acksInWindow()).isEqualTo(4_000_000);
    }
}
