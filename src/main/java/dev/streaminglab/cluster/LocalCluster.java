package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster on this machine: each KRaft node (broker and controller combined) is its own JVM
 * started from the Maven Central jars, listening on 127.0.0.1. One node for everyday work; three nodes
 * give replication factor 3 with min.insync.replicas 2, as in production.
 *
 * <p>Broker {@code i} (from 0) listens on {@code port + i}, its controller on {@code port + 100 + i}, its metrics
 * (the Prometheus JMX exporter, {@link MetricsAgent}) on {@code port + 200 + i}. Data, configs and logs live under
 * {@code dir}; {@code cluster.json} there lets other processes find the cluster. By default every node listens on
 * 127.0.0.1; with a {@link NodeNetwork} of namespaces each node gets an address (and a network) of its own, so
 * that one can be cut off from the others.
 */
public final class LocalCluster {
    public static final int DEFAULT_PORT = 9092;
    public static final String BOOTSTRAP_ENV = "LAB_BOOTSTRAP";
    /** Controllers listen this far above their broker, out of the way of the usual Kafka ports. */
    public static final int CONTROLLER_PORT_OFFSET = 100;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    /** Enough heap for the kit's workloads; three nodes still fit a 24 GiB, 2-core machine with room to spare. */
    static final String BROKER_HEAP = "-Xmx768m";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String MARKER = "-Dstreaminglab.node=";

    private final int nodes;
    private final int port;
    private final Path dir;
    private final NodeNetwork network;
    private final Map<String, String> extraConfig;

    public LocalCluster(int nodes, int port, Path dir) {
        this(nodes, port, dir, NodeNetwork.LOOPBACK, Map.of());
    }

    public LocalCluster(int nodes, int port, Path dir, NodeNetwork network) {
        this(nodes, port, dir, network, Map.of());
    }

    /** A cluster whose nodes' server.properties also get {@code extraConfig} (for experiments on broker settings). */
    public LocalCluster(int nodes, int port, Path dir, Map<String, String> extraConfig) {
        this(nodes, port, dir, NodeNetwork.LOOPBACK, extraConfig);
    }

    private LocalCluster(int nodes, int port, Path dir, NodeNetwork network, Map<String, String> extraConfig) {
        if (nodes < 1 || nodes > 9) {
            throw new LabException("--nodes must be between 1 and 9, got " + nodes);
        }
        if (port < 1024 || port + MetricsAgent.BROKER_OFFSET + nodes > 65535) {
            throw new LabException("--port must leave room for " + nodes + " brokers and controllers below 65535, got "
                    + port);
        }
        this.nodes = nodes;
        this.port = port;
        this.dir = dir.toAbsolutePath().normalize();
        this.network = network;
        this.extraConfig = Map.copyOf(extraConfig);
    }

    /** The cluster that {@code ./lab cluster} manages: one node on 9092, data in .work/cluster. */
    public static LocalCluster defaultCluster() {
        return new LocalCluster(1, DEFAULT_PORT, LabHome.workDir().resolve("cluster"));
    }

    /**
     * The cluster a user means when they name none: {@code $LAB_BOOTSTRAP}, else the running local cluster,
     * else Kafka's usual local address. Notebooks start with it; scripts fall back to it without --bootstrap.
     */
    public static KafkaConnection defaultConnection() {
        return KafkaConnection.of(defaultBootstrap());
    }

    public static String defaultBootstrap() {
        String env = System.getenv(BOOTSTRAP_ENV);
        if (env != null && !env.isBlank()) {
            return env;
        }
        return defaultCluster().runningState().map(ClusterState::bootstrap).orElse("127.0.0.1:" + DEFAULT_PORT);
    }

    /**
     * The pids of the kit's default cluster when {@code kafka} points at it (else none): a cluster started by
     * {@code ./lab cluster start} serves a measurement from outside its JVM, and its CPU is part of every run.
     */
    public static Set<Long> pidsServing(KafkaConnection kafka) {
        return defaultCluster().runningState().filter(s -> s.bootstrap().equals(kafka.bootstrap()))
                .map(s -> s.nodes().stream().map(ClusterState.NodeState::pid).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    public Path dir() {
        return dir;
    }

    public int nodes() {
        return nodes;
    }

    private Path stateFile() {
        return dir.resolve("cluster.json");
    }

    private Path nodeDir(int id) {
        return dir.resolve("node-" + id);
    }

    /** The saved state, whether or not its processes still run. */
    public Optional<ClusterState> state() {
        return ClusterState.read(stateFile());
    }

    /** The saved state when every node of it is running. */
    public Optional<ClusterState> runningState() {
        return state().filter(ClusterState::allAlive);
    }

    /**
     * Starts the nodes and returns once every broker has registered with the controller quorum (asked through
     * the Admin API). A cluster already running with the same shape is returned as it is.
     */
    public ClusterState start(Duration timeout) {
        long t0 = System.nanoTime();
        Optional<ClusterState> previous = state();
        if (previous.isPresent()) {
            ClusterState s = previous.get();
            if (s.allAlive() && s.nodes().size() == nodes) {
                return s;
            }
            if (s.anyAlive()) {
                throw new LabException("a " + s.nodes().size() + "-node cluster is already running from " + dir
                        + ": stop it first with './lab cluster stop'");
            }
            if (s.nodes().size() != nodes || s.nodes().get(0).brokerPort() != port) {
                throw new LabException(dir + " holds the data of a " + s.nodes().size() + "-node cluster on port "
                        + s.nodes().get(0).brokerPort() + ": start it the same way, or wipe it with "
                        + "'./lab cluster start --clean'");
            }
        } else if (Files.exists(dir.resolve("node-1"))) {
            throw new LabException(dir + " holds stale data from a cluster this kit did not record: "
                    + "wipe it with './lab cluster start --clean'");
        }
        String clusterId = previous.map(ClusterState::clusterId).orElseGet(() -> Uuid.randomUuid().toString());
        if (network == NodeNetwork.LOOPBACK) {
            IntStream.rangeClosed(1, nodes).forEach(id -> {
                requireFree(brokerPort(id), "broker " + id);
                requireFree(controllerPort(id), "controller " + id);
                requireFree(metricsPort(id), "metrics of node " + id);
            });
        }

        List<ClusterState.NodeState> started = new ArrayList<>();
        try {
            for (int id = 1; id <= nodes; id++) {
                Path config = writeConfig(id);
                format(config, clusterId, id);
                Process p = launch(id, config);
                started.add(new ClusterState.NodeState(id, p.pid(), brokerPort(id), controllerPort(id),
                        network.host(id), metricsPort(id)));
            }
            ClusterState state = new ClusterState(clusterId, List.copyOf(started), Instant.now().toString(), 0);
            state.write(stateFile());
            awaitReady(state, timeout);
            ClusterState ready = new ClusterState(clusterId, state.nodes(), state.startedAt(),
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
            ready.write(stateFile());
            return ready;
        } catch (RuntimeException e) {
            started.forEach(n -> ProcessHandle.of(n.pid()).ifPresent(ProcessHandle::destroyForcibly));
            throw e;
        }
    }

    /** Stops every node of this cluster (SIGTERM, then SIGKILL after a grace period); data stays unless wiped. */
    public List<Integer> stop(boolean wipe) {
        List<Integer> stopped = new ArrayList<>();
        state().ifPresent(s -> {
            List<ProcessHandle> handles = new ArrayList<>();
            for (ClusterState.NodeState n : s.nodes()) {
                ProcessHandle.of(n.pid()).filter(this::isOurNode).ifPresent(h -> {
                    h.destroy();
                    handles.add(h);
                    stopped.add(n.id());
                });
            }
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            for (ProcessHandle h : handles) {
                try {
                    h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception timeoutOrInterrupt) {
                    h.destroyForcibly();
                    h.onExit().join();
                }
            }
        });
        if (wipe) {
            FileUtils.deleteQuietly(dir.toFile());
        }
        return stopped;
    }

    /** Kills one node's process at once, as a crash would (for failover tests and experiments). */
    public void kill(int nodeId) {
        node(nodeId).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    /** Stops one node gracefully (SIGTERM: controlled shutdown, leadership handed over first). */
    public void stopNode(int nodeId) {
        node(nodeId).ifPresent(h -> JavaProcess.stop(h, STOP_GRACE));
    }

    /**
     * Starts one stopped or killed node again on its data and waits until the cluster counts every node; the
     * cluster file then names the new process.
     */
    public ClusterState restartNode(int nodeId, Duration timeout) {
        ClusterState s = state().orElseThrow(() -> new LabException("no cluster recorded in " + dir));
        if (node(nodeId).isPresent()) {
            return s;
        }
        Process p = launch(nodeId, nodeDir(nodeId).resolve("server.properties"));
        List<ClusterState.NodeState> nodesNow = s.nodes().stream().map(n -> n.id() != nodeId ? n
                : new ClusterState.NodeState(n.id(), p.pid(), n.brokerPort(), n.controllerPort(), n.host(),
                        n.metricsPort())).toList();
        ClusterState updated = new ClusterState(s.clusterId(), nodesNow, s.startedAt(), s.startMillis());
        updated.write(stateFile());
        awaitReady(updated, timeout);
        return updated;
    }

    private Optional<ProcessHandle> node(int nodeId) {
        return state().flatMap(s -> s.nodes().stream().filter(n -> n.id() == nodeId).findFirst())
                .flatMap(n -> ProcessHandle.of(n.pid())).filter(ProcessHandle::isAlive).filter(this::isOurNode);
    }

    public int brokerPort(int id) {
        return port + id - 1;
    }

    public int controllerPort(int id) {
        return port + CONTROLLER_PORT_OFFSET + id - 1;
    }

    /** Where node {@code id}'s Prometheus JMX exporter serves {@code /metrics}. */
    public int metricsPort(int id) {
        return port + MetricsAgent.BROKER_OFFSET + id - 1;
    }

    public NodeNetwork network() {
        return network;
    }

    public Path logFile(int id) {
        return nodeDir(id).resolve("server.log");
    }

    private boolean isOurNode(ProcessHandle h) {
        return h.info().arguments().map(args -> Stream.of(args).anyMatch(a -> a.startsWith(MARKER + dir)))
                .orElse(h.info().commandLine().map(c -> c.contains(MARKER + dir)).orElse(true));
    }

    private static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new LabException("port " + port + " on 127.0.0.1 (" + what + ") is already in use: stop whatever "
                    + "holds it (another Kafka? './lab cluster stop'), or pick other ports with --port");
        }
    }

    /**
     * A first broker port between 20000 and 40000 where every broker and controller port of an {@code nodes}-node
     * cluster is free now: for clusters a test or benchmark starts beside the user's own on 9092.
     */
    public static int freePortBlock(int nodes) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int i = 0; i < nodes && free; i++) {
                free = isFree(base + i) && isFree(base + CONTROLLER_PORT_OFFSET + i)
                        && isFree(base + MetricsAgent.BROKER_OFFSET + i);
            }
            if (free) {
                return base;
            }
        }
        throw new LabException("found no free ports for a " + nodes + "-node cluster between 20000 and 40000: "
                + "give ports explicitly (--port)");
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path writeConfig(int id) {
        int rf = Math.min(3, nodes);
        int minIsr = nodes >= 3 ? 2 : 1;
        String voters = IntStream.rangeClosed(1, nodes)
                .mapToObj(i -> i + "@" + network.host(i) + ":" + controllerPort(i)).collect(Collectors.joining(","));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(id));
        p.put("controller.quorum.voters", voters);
        String host = network.host(id);
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort(id) + ",CONTROLLER://" + host + ":" + controllerPort(id));
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort(id));
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", nodeDir(id).resolve("data").toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", String.valueOf(rf));
        p.put("min.insync.replicas", String.valueOf(minIsr));
        p.put("offsets.topic.replication.factor", String.valueOf(rf));
        // Fewer internal partitions than the default 50: a local cluster starts and creates groups faster.
        p.put("offsets.topic.num.partitions", "12");
        p.put("transaction.state.log.replication.factor", String.valueOf(rf));
        p.put("transaction.state.log.min.isr", String.valueOf(minIsr));
        p.put("transaction.state.log.num.partitions", "12");
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(rf));
        p.put("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
        // Consumers and Streams apps join at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The same for streams groups (KIP-1071), whose own delay defaults to 3 s. Nothing else is needed for the
        // streams rebalance protocol: a 4.3 cluster formatted fresh has the feature streams.version=1 finalized.
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // A typo in a topic name should fail loudly, not create an empty topic.
        p.put("auto.create.topics.enable", "false");
        p.putAll(extraConfig);
        try {
            Files.createDirectories(nodeDir(id));
            Path file = nodeDir(id).resolve("server.properties");
            try (var w = Files.newBufferedWriter(file)) {
                p.store(w, "Local KRaft node " + id + " of " + nodes + ", written by the Kafka Streaming Lab");
            }
            Files.writeString(nodeDir(id).resolve("log4j2.properties"), log4jConfig(id));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String log4jConfig(int id) {
        return String.join("\n",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + logFile(id),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "logger.kafka.name = kafka",
                "logger.kafka.level = INFO",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "");
    }

    /** Formats the node's log directory once; a restart reuses it, so topics survive. */
    private void format(Path config, String clusterId, int id) {
        if (Files.exists(nodeDir(id).resolve("data").resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", config.toString()}, ps);
        }
        if (rc != 0) {
            throw new LabException("formatting node " + id + " failed: " + out.toString(StandardCharsets.UTF_8).strip()
                    + " (wipe the data with './lab cluster start --clean')");
        }
    }

    private Process launch(int id, Path config) {
        return JavaProcess.start(network.launcher(id), List.of(BROKER_HEAP, "-Xms256m", "-XX:+UseG1GC",
                        "-XX:MaxGCPauseMillis=20", MARKER + dir + "/node-" + id,
                        "-Dlog4j2.configurationFile=" + nodeDir(id).resolve("log4j2.properties"),
                        "-Dkafka.logs.dir=" + nodeDir(id),
                        MetricsAgent.jvmOption(network.host(id), metricsPort(id), nodeDir(id))),
                "kafka.Kafka", List.of(config.toString()), nodeDir(id).resolve("stdout.log"));
    }

    private void awaitReady(ClusterState state, Duration timeout) {
        try (Admin admin = KafkaConnection.of(state.bootstrap()).admin()) {
            boolean ready = Await.within(timeout, () -> {
                for (ClusterState.NodeState n : state.nodes()) {
                    if (!n.alive()) {
                        throw new LabException("node " + n.id() + " exited during start-up. Last lines of "
                                + logFile(n.id()) + ":\n" + tail(n.id()));
                    }
                }
                try {
                    return admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).size() == nodes;
                } catch (Exception notYet) {
                    return false; // brokers are still starting
                }
            });
            if (!ready) {
                throw new LabException("the cluster was not ready within " + timeout.toSeconds() + " s. Last lines of "
                        + logFile(1) + ":\n" + tail(1));
            }
        }
    }

    /** The last lines of a node's log, for error messages. */
    public String tail(int id) {
        for (Path f : List.of(logFile(id), nodeDir(id).resolve("stdout.log"))) {
            try {
                List<String> lines = Files.readAllLines(f);
                if (!lines.isEmpty()) {
                    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                }
            } catch (IOException ignored) {
                // try the next file
            }
        }
        return "(no log written)";
    }

}
