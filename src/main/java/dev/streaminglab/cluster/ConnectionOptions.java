package dev.streaminglab.cluster;

import dev.streaminglab.kafka.KafkaConnection;
import java.nio.file.Path;
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
        String b = bootstrap != null ? bootstrap : LocalCluster.defaultBootstrap();
        return KafkaConnection.of(b).withClientConfig(clientConfig);
    }
}
