package dev.streaminglab.demo;

import dev.streaminglab.cluster.ClusterState;
import dev.streaminglab.cluster.KafkaConnection;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.cluster.RoundTrip;
import dev.streaminglab.connect.ConnectStack;
import dev.streaminglab.connect.ConnectWorker;
import dev.streaminglab.connect.LocalConnect;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab demo}: the main job, end to end on the local cluster. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local cluster (if needed) and run the kit's main job on it.")
public class DemoCommand implements Callable<Integer> {
    public static final String SMOKE_TOPIC = "smoke";

    @Option(names = "--nodes", defaultValue = "1", description = "KRaft nodes to start (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--records", defaultValue = "1000", description = "records in the smoke flow (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--no-connect", description = "leave out Kafka Connect and PostgreSQL")
    boolean noConnect;

    @Override
    public Integer call() {
        LocalCluster cluster = new LocalCluster(nodes, LocalCluster.DEFAULT_PORT, LocalCluster.defaultCluster().dir());
        boolean wasRunning = cluster.runningState().isPresent();
        ClusterState state = cluster.start(LocalCluster.DEFAULT_START_TIMEOUT);
        System.out.printf(wasRunning ? "cluster already running at %s%n" : "cluster started in %2$.1f s at %1$s%n",
                state.bootstrap(), state.startMillis() / 1000.0);
        RoundTrip.Result r = RoundTrip.run(KafkaConnection.of(state.bootstrap()), SMOKE_TOPIC, records);
        System.out.println("smoke flow: " + r.summary());
        if (!noConnect) {
            ConnectStack connect = ConnectStack.defaults(KafkaConnection.of(state.bootstrap()));
            connect.start(ConnectWorker.Mode.STANDALONE, 1, LocalConnect.DEFAULT_START_TIMEOUT)
                    .forEach(s -> System.out.println(s.summary()));
            System.out.println("PostgreSQL: " + connect.postgres().jdbcUrl() + " (user lab, password lab)");
        }
        System.out.println("""
                next:
                  ./lab cluster status                                  nodes, ports, memory, topics
                  ./lab jbang run jbang-scripts/Tail.java -t smoke --from-beginning -n 5
                  ./lab jupyter                                         notebooks/00-getting-started.ipynb
                  ./lab jbang run jbang-scripts/Connect.java status     connectors, tasks, workers
                  ./lab jbang run jbang-scripts/Connect.java stop       stop Connect and PostgreSQL
                  ./lab cluster stop                                    stop the brokers (data kept; --clean wipes)""");
        return 0;
    }
}
