package dev.streaminglab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streaminglab.cluster.NamespaceNetwork;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The network-partition experiment, run for real (three namespaces, three KRaft JVMs, Prometheus): writes with
 * acks=all and min.insync.replicas=2 lose no acknowledged record and duplicate none while the leader of a partition
 * is cut off for 30 s, and leadership moves to the two others. With {@code -Dfaults.update=true} its results
 * replace the committed ones (docs/results/faults), which notebook 08 draws.
 */
@Tag("long")
class NetworkPartitionIT {
    @Test
    void noAcknowledgedRecordIsLostOrDuplicatedWhenALeaderIsCutOff() throws Exception {
        assumeTrue(NamespaceNetwork.possibleHere(), "network namespaces need root and iproute2");
        Map<String, Object> f = FaultRuns.run(NetworkPartition.NAME, work -> NetworkPartition.run(work, 29090));

        long sent = ((Number) f.get("sent")).longValue();
        long acked = ((Number) f.get("acknowledged")).longValue();
        long failed = ((Number) f.get("failed")).longValue();
        assertThat(sent).isEqualTo(NetworkPartition.RECORDS);
        assertThat(acked + failed).as("every send answered").isEqualTo(sent);
        assertThat(f.get("lostAcknowledged")).as("acknowledged but lost").isEqualTo(0L);
        assertThat(f.get("duplicates")).as("idempotent producer: no duplicates").isEqualTo(0L);
        assertThat(((Number) f.get("distinctReadBack")).longValue()).isEqualTo(acked + ((Number) f.get("presentUnacknowledged")).longValue());
        assertThat(((Number) f.get("partitionsLedByVictim")).longValue()).isPositive();
        assertThat(((Number) f.get("leadershipMovedMs")).longValue()).isPositive();
        assertThat(((Number) f.get("rejoinedAllIsrMs")).longValue()).isPositive();
        assertThat(f.get("brokerDownAlertFired")).isEqualTo(true);
    }
}
