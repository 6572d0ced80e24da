package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streaminglab.SharedCluster;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A broker's 128 MiB log directory filled by acks=all writes: the broker takes itself out, the two others keep
 * every acknowledged record, and after the disk is enlarged the broker rejoins. Whether the disk alert fired
 * before the broker stopped is reported, not asserted: it depends on the scrape and evaluation timing (AlertsIT
 * fires that alert deterministically). With {@code -Dfaults.update=true}
 * its results replace the committed ones.
 */
@Tag("long")
class DiskFullIT {
    @Test
    void aFullDiskStopsOneBrokerAndLosesNoAcknowledgedRecord() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Map<String, Object> f = FaultRuns.run(DiskFull.NAME, work -> DiskFull.run(work, SharedCluster.freePortBlock(3), 29094));
        assertThat(f.get("brokerStoppedItself")).isEqualTo(true);
        assertThat(f.get("lostAcknowledged")).isEqualTo(0L);
        assertThat(f.get("duplicates")).isEqualTo(0L);
        assertThat(((Number) f.get("acknowledged")).longValue() + ((Number) f.get("failed")).longValue())
                .isEqualTo(DiskFull.RECORDS);
    }
}
