///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Start, inspect and stop the local Kafka cluster (KRaft brokers as separate JVMs).
// A thin door: flags, help and logic live in dev.streaminglab.cluster.ClusterCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.cluster.ClusterCommand;

class Cluster {
    public static void main(String... args) {
        Cli.exit(new ClusterCommand(), args);
    }
}
