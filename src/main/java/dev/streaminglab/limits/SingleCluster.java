package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Kafka Streams reads and writes topics of one cluster only: a topology's sources and sinks are topics, and
 * all of them resolve against the single bootstrap.servers. A source topic that lives elsewhere (another
 * cluster, a database, a file) is simply missing, and the application stops.
 */
final class SingleCluster implements Experiment {
    @Override
    public String name() {
        return "single-cluster";
    }

    @Override
    public String capability() {
        return "Not at all: other clusters or non-Kafka sources and sinks";
    }

    @Override
    public String question() {
        return "Can one Kafka Streams application read from another cluster, or from something that is not Kafka?";
    }

    @Override
    public String setup() {
        return "a topology whose source topic exists only 'elsewhere' (not on the application's cluster), joined "
                + "with a local topic; start it and record how it fails; count the topology's source and sink kinds.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String local = bench.topic("local", 1);
        String remote = bench.missingTopic("on-other-cluster");
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(remote).merge(b.stream(local)).to(bench.topic("out", 1));
        var topology = b.build();
        long sources = topology.describe().subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(n -> n instanceof TopologyDescription.Source).count();
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology, Map.of());
        long t0 = System.nanoTime();
        app.start();
        Await.until(Duration.ofSeconds(60), "the application to stop", () -> app.streams().state() == State.ERROR || app.streams().state() == State.NOT_RUNNING);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Throwable root = app.error().orElse(null);
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        String type = root == null ? "none" : root.getClass().getSimpleName();
        out.figure("bootstrapSettings", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG + " (one per application)")
                .figure("topologySources", sources)
                .figure("finalState", app.streams().state().name())
                .figure("errorType", type)
                .figure("errorMessage", root == null ? "none" : root.getMessage())
                .figure("msToFailure", ms)
                .verdict(Verdict.NOT_SUPPORTED)
                .headline("source topic on another cluster: " + type + " after " + ms + " ms, application stopped")
                .conclusion("A Kafka Streams application talks to exactly one Kafka cluster, through topics only. "
                        + "Bring data in and out with Kafka Connect (source/sink connectors for files, databases, "
                        + "HTTP) and copy topics between clusters with MirrorMaker 2 (or Cluster Linking); process "
                        + "where the data is.");
    }
}
