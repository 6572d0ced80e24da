package dev.streaminglab.faults;

import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.cluster.NodeNetwork;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.measure.Row;
import dev.streaminglab.monitor.LocalPrometheus;
import dev.streaminglab.monitor.LocalPrometheus.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An experiment's own world: a fresh cluster under {@code work/cluster} and a fresh Prometheus scraping its nodes,
 * both stopped (the cluster's data wiped) when the experiment ends, whatever happened.
 */
record Testbed(LocalCluster cluster, ClusterState state, KafkaConnection kafka, LocalPrometheus prometheus) {
    /** What an experiment does with its testbed. */
    interface Experiment {
        Row run(Testbed bed) throws Exception;
    }

    static Row run(Path work, int nodes, int port, NodeNetwork network, int prometheusPort, Experiment experiment)
            throws Exception {
        return run(work, nodes, port, network, prometheusPort, c -> { }, experiment);
    }

    /** As above, with a step between wiping the cluster's folder and starting it (e.g. mounting a small disk). */
    static Row run(Path work, int nodes, int port, NodeNetwork network, int prometheusPort,
            Consumer<LocalCluster> beforeStart, Experiment experiment) throws Exception {
        LocalCluster cluster = new LocalCluster(nodes, port, work.resolve("cluster"), network);
        cluster.stop(true);
        beforeStart.accept(cluster);
        LocalPrometheus prometheus = new LocalPrometheus(prometheusPort, work.resolve("prometheus"));
        prometheus.stop(true);
        try {
            ClusterState state = cluster.start(Duration.ofMinutes(2));
            prometheus.start();
            prometheus.targets(Job.KAFKA, state.nodes().stream().map(ClusterState.NodeState::metricsTarget).toList());
            return experiment.run(new Testbed(cluster, state, KafkaConnection.of(state.bootstrap()), prometheus));
        } finally {
            prometheus.stop(false);
            cluster.stop(true);
        }
    }
}
