package dev.streaminglab.bench;

import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one-node cluster a benchmark run starts for itself (never the user's cluster on 9092), started when a suite
 * first needs it and wiped when the run ends. One node: on one 2-core host, more brokers would measure CPU
 * oversubscription, not replication.
 */
final class BenchClusters implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;
    private final int basePort;
    private LocalCluster running;
    private KafkaConnection connection;

    /** @param basePort the broker port; 0 picks free ports */
    BenchClusters(Path dir, int basePort) {
        this.dir = dir;
        this.basePort = basePort;
        // A run interrupted with Ctrl-C must not leave brokers behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    synchronized KafkaConnection single() {
        if (connection == null) {
            LocalCluster cluster = new LocalCluster(1, basePort == 0 ? LocalCluster.freePortBlock(1) : basePort,
                    dir.resolve("single"));
            cluster.stop(true);
            running = cluster;
            connection = KafkaConnection.of(cluster.start(START_TIMEOUT).bootstrap());
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.stop(true);
            running = null;
            connection = null;
        }
    }
}
