package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The clusters a benchmark run starts for itself (never the user's cluster on 9092): one node for most
 * suites, three for the replication suite. Only one runs at a time, so the two do not share the cores.
 * Their data is wiped when the run ends.
 */
final class BenchClusters implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The three-node cluster's ports sit this far above the single node's. */
    private static final int TRIPLE_OFFSET = 10;

    private final Path dir;
    private final int basePort;
    private LocalCluster running;

    /** @param basePort the single node's broker port; 0 picks free ports */
    BenchClusters(Path dir, int basePort) {
        this.dir = dir;
        this.basePort = basePort;
        // A run interrupted with Ctrl-C must not leave brokers behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    KafkaConnection single() {
        return use(1, basePort == 0 ? freePortBlock(1) : basePort, "single");
    }

    KafkaConnection triple() {
        return use(3, basePort == 0 ? freePortBlock(3) : basePort + TRIPLE_OFFSET, "triple");
    }

    private synchronized KafkaConnection use(int nodes, int port, String name) {
        if (running != null && running.nodes() == nodes) {
            return KafkaConnection.of(running.runningState().map(ClusterState::bootstrap).orElseThrow());
        }
        close();
        LocalCluster cluster = new LocalCluster(nodes, port, dir.resolve(name));
        cluster.stop(true);
        running = cluster;
        return KafkaConnection.of(cluster.start(START_TIMEOUT).bootstrap());
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.stop(true);
            running = null;
        }
    }

    private static int freePortBlock(int nodes) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int i = 0; i < nodes && free; i++) {
                free = isFree(base + i) && isFree(base + LocalCluster.CONTROLLER_PORT_OFFSET + i);
            }
            if (free) {
                return base;
            }
        }
        throw new LabException("found no free ports for a " + nodes
                + "-node cluster between 20000 and 40000: pass --port");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
