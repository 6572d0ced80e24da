package dev.streaminglab.cluster;

import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.KafkaFutures;
import dev.streaminglab.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code Cluster.java}: start, inspect and stop the local KRaft cluster. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "The local Kafka cluster: real KRaft brokers as separate JVMs on 127.0.0.1.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
public class ClusterCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where and how big: shared by start, status and stop. */
    static class Shape {
        @Option(names = "--nodes", defaultValue = "1", description = "KRaft nodes, each broker+controller (default: ${DEFAULT-VALUE}; 3 gives replication 3, min ISR 2)")
        int nodes;

        @Option(names = "--port", defaultValue = "" + LocalCluster.DEFAULT_PORT,
                description = "first broker port; controllers use port+" + LocalCluster.CONTROLLER_PORT_OFFSET + " (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--dir", description = "data, configs and logs (default: .work/cluster in the checkout)")
        Path dir;

        LocalCluster cluster() {
            return new LocalCluster(nodes, port, dir != null ? dir : LocalCluster.defaultCluster().dir());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the cluster and wait until every broker is ready.")
    static class Start implements Callable<Integer> {
        @Mixin
        Shape shape;

        @Option(names = "--clean", description = "wipe earlier data first")
        boolean clean;

        @Option(names = "--timeout", defaultValue = "90", description = "seconds to wait for readiness (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Override
        public Integer call() {
            LocalCluster cluster = shape.cluster();
            if (clean) {
                cluster.stop(true);
            }
            boolean wasRunning = cluster.runningState().isPresent();
            ClusterState s = cluster.start(Duration.ofSeconds(timeoutSeconds));
            if (wasRunning) {
                System.out.printf("already running: %d node(s), bootstrap %s%n", s.nodes().size(), s.bootstrap());
            } else {
                System.out.printf("started %d node(s) in %.1f s: bootstrap %s (data in %s)%n", s.nodes().size(),
                        s.startMillis() / 1000.0, s.bootstrap(), cluster.dir());
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every node; --clean also wipes the data.")
    static class Stop implements Callable<Integer> {
        @Mixin
        Shape shape;

        @Option(names = "--clean", description = "wipe the data too")
        boolean clean;

        @Override
        public Integer call() {
            List<Integer> stopped = shape.cluster().stop(clean);
            System.out.println(stopped.isEmpty() ? "no node was running" : "stopped node(s) " + stopped);
            if (clean) {
                System.out.println("data wiped");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the local nodes (process, ports, memory) and the cluster's brokers and topics.")
    static class Status implements Callable<Integer> {
        @Mixin
        Shape shape;

        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            shape.cluster().state().ifPresent(s -> System.out.println(localNodes(s).printAll()));
            KafkaConnection kafka = connection.connection();
            Collection<Node> brokers = kafka.requireReachable();
            System.out.printf("cluster at %s: %d broker(s) up%n", kafka.bootstrap(), brokers.size());
            try (Admin admin = kafka.admin()) {
                System.out.println(topics(admin).printAll());
            }
            return 0;
        }

        private static Table localNodes(ClusterState s) {
            Table t = Table.create("Local nodes (cluster " + s.clusterId() + ")",
                    IntColumn.create("node"), StringColumn.create("pid"), StringColumn.create("state"),
                    IntColumn.create("broker port"), IntColumn.create("controller port"), StringColumn.create("RSS MB"));
            for (ClusterState.NodeState n : s.nodes()) {
                t.intColumn("node").append(n.id());
                t.stringColumn("pid").append(String.valueOf(n.pid()));
                t.stringColumn("state").append(n.alive() ? "running" : "stopped");
                t.intColumn("broker port").append(n.brokerPort());
                t.intColumn("controller port").append(n.controllerPort());
                t.stringColumn("RSS MB").append(n.alive() ? residentMegabytes(n.pid()) : "-");
            }
            return t;
        }

        private static Table topics(Admin admin) {
            Table t = Table.create("Topics", StringColumn.create("topic"), IntColumn.create("partitions"),
                    IntColumn.create("replicas"));
            var names = Topics.list(admin);
            if (!names.isEmpty()) {
                var described = KafkaFutures.await(admin.describeTopics(names).allTopicNames(), "describing topics");
                for (TopicDescription d : described.values()) {
                    t.stringColumn("topic").append(d.name());
                    t.intColumn("partitions").append(d.partitions().size());
                    t.intColumn("replicas").append(d.partitions().get(0).replicas().size());
                }
            }
            return t.sortAscendingOn("topic");
        }
    }

    /** Resident memory of a process from /proc (Linux), as the field notes and the closing notes quote it. */
    static String residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.valueOf(kb / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "?";
        }
        return "?";
    }
}
