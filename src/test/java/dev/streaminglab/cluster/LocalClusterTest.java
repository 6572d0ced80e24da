package dev.streaminglab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import dev.streaminglab.SharedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a user meets before any broker starts: shapes, ports, stale data. */
class LocalClusterTest {
    @TempDir
    Path dir;

    @Test
    void portsFollowTheDocumentedLayout() {
        LocalCluster c = new LocalCluster(3, 19092, dir);
        assertThat(c.brokerPort(1)).isEqualTo(19092);
        assertThat(c.brokerPort(3)).isEqualTo(19094);
        assertThat(c.controllerPort(1)).isEqualTo(19192);
        assertThat(c.controllerPort(3)).isEqualTo(19194);
        assertThat(c.metricsPort(1)).isEqualTo(19292);
        assertThat(c.metricsPort(3)).isEqualTo(19294);
    }

    /** A cluster file written before nodes had an address and a metrics port still reads: loopback, no exporter. */
    @Test
    void anOlderClusterFileMeansLoopbackWithoutMetrics() throws IOException {
        Files.writeString(dir.resolve("cluster.json"), "{\"clusterId\":\"x\",\"nodes\":[{\"id\":1,\"pid\":-1,"
                + "\"brokerPort\":9092,\"controllerPort\":9192}],\"startedAt\":\"t\",\"startMillis\":0}");
        ClusterState s = new LocalCluster(1, 9092, dir).state().orElseThrow();
        assertThat(s.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(s.nodes().get(0).metricsPort()).isZero();
    }

    @Test
    void rejectsImpossibleShapes() {
        assertThatThrownBy(() -> new LocalCluster(0, 9092, dir)).isInstanceOf(LabException.class)
                .hasMessage("--nodes must be between 1 and 9, got 0");
        assertThatThrownBy(() -> new LocalCluster(1, 80, dir)).isInstanceOf(LabException.class)
                .hasMessageContaining("--port");
    }

    @Test
    void aTakenPortIsNamedWithTheFix() throws IOException {
        int base = SharedCluster.freePortBlock(1);
        try (ServerSocket squatter = new ServerSocket(base, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new LocalCluster(1, base, dir).start(Duration.ofSeconds(5)))
                    .isInstanceOf(LabException.class)
                    .hasMessage("port " + base + " on 127.0.0.1 (broker 1) is already in use: stop whatever holds it "
                            + "(another Kafka? './lab cluster stop'), or pick other ports with --port");
        }
    }

    @Test
    void staleDataWithoutStateIsReportedNotReused() throws IOException {
        Files.createDirectories(dir.resolve("node-1").resolve("data"));
        assertThatThrownBy(() -> new LocalCluster(1, SharedCluster.freePortBlock(1), dir).start(Duration.ofSeconds(5)))
                .isInstanceOf(LabException.class)
                .hasMessage(dir.toAbsolutePath() + " holds stale data from a cluster this kit did not record: "
                        + "wipe it with './lab cluster start --clean'");
    }

    @Test
    void stoppingWhatNeverStartedIsANoOp() {
        assertThat(new LocalCluster(1, 9092, dir).stop(false)).isEmpty();
    }
}
