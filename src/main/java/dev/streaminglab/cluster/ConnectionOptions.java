package dev.streaminglab.cluster;

import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flags every script takes to say which cluster it talks to. */
public class ConnectionOptions {
    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: $LAB_BOOTSTRAP, else the running local cluster, "
                    + "else 127.0.0.1:9092)")
    String bootstrap;

    @Option(names = {"--client-config", "--command-config"}, paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL) added to every client, as for Kafka's own tools")
    Path clientConfig;

    public KafkaConnection connection() {
        return named().orElseGet(() -> KafkaConnection.of(LocalCluster.defaultBootstrap()).withClientConfig(clientConfig));
    }

    /** The cluster given with --bootstrap (and --client-config), if one was given. */
    public Optional<KafkaConnection> named() {
        return Optional.ofNullable(bootstrap).map(b -> KafkaConnection.of(b).withClientConfig(clientConfig));
    }
}
