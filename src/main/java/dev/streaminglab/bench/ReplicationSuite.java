package dev.streaminglab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replication costs a producer with acks=all: one node, three nodes without replication, three nodes
 * with replication factor 3 (min ISR 2), each with Kafka's ProducerPerformance and the kit's producers.
 */
final class ReplicationSuite {
    static final String NAME = "replication";

    private ReplicationSuite() {
    }

    static List<BenchStep> steps(BenchContext ctx) {
        return List.of(step(ctx, 1, 1), step(ctx, 3, 1), step(ctx, 3, 3));
    }

    private static BenchStep step(BenchContext ctx, int nodes, int replication) {
        ProducerPoint point = ProducerPoint.BASELINE.withAcks("all");
        String name = nodes + "-node RF" + replication;
        return new BenchStep(NAME, name, () -> {
            Map<String, Object> params = new LinkedHashMap<>(point.params());
            params.put("axis", "replication");
            params.put("nodes", nodes);
            params.put("replication", replication);
            var connection = nodes == 1 ? ctx.clusters.single() : ctx.clusters.triple();
            return ProducerSuite.compare(ctx, connection, point, replication, ctx.profile.replicationRecords(), NAME,
                    name, params);
        });
    }
}
