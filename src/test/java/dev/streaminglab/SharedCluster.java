package dev.streaminglab;

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
 * One real 1-node cluster for every integration test of a test run: started on first use on free ports,
 * with data under target/, and stopped when the test JVM exits. Tests that need their own shape (three nodes,
 * killed brokers) start a {@link LocalCluster} of their own.
 */
public final class SharedCluster {
    private static LocalCluster cluster;
    private static ClusterState state;

    private SharedCluster() {
    }

    public static synchronized KafkaConnection connection() {
        if (state == null) {
            cluster = startFresh(1, "it-cluster");
            state = cluster.runningState().orElseThrow();
        }
        return KafkaConnection.of(state.bootstrap());
    }

    /** Starts a fresh cluster under target/NAME on free ports; it is stopped when the JVM exits. */
    public static LocalCluster startFresh(int nodes, String name) {
        LocalCluster c = new LocalCluster(nodes, freePortBlock(nodes), Path.of("target", name));
        c.stop(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> c.stop(true)));
        c.start(Duration.ofSeconds(120));
        return c;
    }

    /** A base port where the brokers' and controllers' ports are all free. */
    public static int freePortBlock(int nodes) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 40000);
            boolean free = true;
            for (int i = 0; i < nodes && free; i++) {
                free = isFree(base + i) && isFree(base + LocalCluster.CONTROLLER_PORT_OFFSET + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block found");
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
