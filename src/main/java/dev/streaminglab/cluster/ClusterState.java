package dev.streaminglab.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a started local cluster looks like, saved beside its data so that other processes can find it. */
public record ClusterState(String clusterId, List<NodeState> nodes, String startedAt, long startMillis) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One KRaft node: broker and controller in one JVM.
     *
     * @param host its listeners' address (null in files of older kits: 127.0.0.1)
     * @param metricsPort its Prometheus exporter's port on {@code host} (0 in files of older kits: none)
     */
    public record NodeState(int id, long pid, int brokerPort, int controllerPort, String host, int metricsPort) {
        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        public String address() {
            return host == null ? "127.0.0.1" : host;
        }

        /** Where Prometheus scrapes this node. */
        public String metricsTarget() {
            return address() + ":" + metricsPort;
        }
    }

    public String bootstrap() {
        return nodes.stream().map(n -> n.address() + ":" + n.brokerPort()).collect(Collectors.joining(","));
    }

    public boolean allAlive() {
        return nodes.stream().allMatch(NodeState::alive);
    }

    public boolean anyAlive() {
        return nodes.stream().anyMatch(NodeState::alive);
    }

    static Optional<ClusterState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterState.class));
        } catch (IOException e) {
            throw new LabException("cannot read cluster state " + file + " (" + e.getMessage()
                    + "): run './lab cluster stop --clean' to start afresh", e);
        }
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new LabException("cannot write cluster state " + file + ": " + e.getMessage(), e);
        }
    }
}
