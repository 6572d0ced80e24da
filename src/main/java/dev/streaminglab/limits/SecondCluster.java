package dev.streaminglab.limits;

import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A second one-node KRaft cluster on free loopback ports, for the experiments about what lives on one cluster only
 * (MirrorMaker 2 replicates from it) and about the broker deleting old data (it checks retention every second
 * from its start instead of every 5 minutes after 30 s, so a deletion the broker would make anyway shows within an
 * experiment).
 */
public final class SecondCluster implements AutoCloseable {
    /** How often the second cluster's broker looks for segments past their retention (default: 5 minutes). */
    static final Duration RETENTION_CHECK = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final LocalCluster cluster;
    private final ClusterState state;
    private final Thread onExit;

    private SecondCluster(LocalCluster cluster, ClusterState state) {
        this.cluster = cluster;
        this.state = state;
        this.onExit = new Thread(() -> cluster.stop(true), "limits-second-cluster-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    static SecondCluster start() {
        String name = "second-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        LocalCluster c = new LocalCluster(1, LocalCluster.freePortBlock(1),
                LabHome.workDir().resolve("limits-clusters").resolve(name),
                Map.of("log.retention.check.interval.ms", String.valueOf(RETENTION_CHECK.toMillis()),
                        // The log manager's tasks (retention among them) start this long after the broker (default 30 s).
                        "log.initial.task.delay.ms", "0"));
        return new SecondCluster(c, c.start(START_TIMEOUT));
    }

    public KafkaConnection kafka() {
        return KafkaConnection.of(state.bootstrap());
    }

    @Override
    public void close() {
        cluster.stop(true);
        Runtime.getRuntime().removeShutdownHook(onExit);
    }
}
