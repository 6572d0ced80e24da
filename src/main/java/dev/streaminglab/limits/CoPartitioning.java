package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * A KStream-KTable join over topics with different partition counts (readings 3, devices 2), under each rebalance
 * protocol. Measured on Kafka Streams 4.3 with the classic protocol: the check that should refuse it runs only when
 * the topology also has a repartition topic; without one the application runs and silently misses joins. Under the
 * streams protocol the broker validates co-partitioning when it configures the topology.
 */
final class CoPartitioning implements Experiment {
    /** How long to read the join output beyond what can come: no more joins may arrive in it. */
    static final Mode.Size WATCH_SECONDS = new Mode.Size(3, 5);
    static final int READINGS_PARTITIONS = 3;
    static final int DEVICES_PARTITIONS = 2;
    static final int DEVICES = 100;

    private static final About ABOUT = new About("co-partitioning", "Joins: co-partitioning requirement",
            "What happens when the two sides of a join have different partition counts?",
            "Joined topics must have the same partition count. Under the classic protocol Kafka Streams 4.3 checks "
                    + "it only when the topology also has a repartition topic; otherwise it runs and silently drops "
                    + "the joins whose keys land on different partition numbers. The join itself is correct "
                    + "(TopologyTestDriver, one partition, joins all).",
            "readings (3 partitions) KStream-KTable-joined with devices (2 partitions), 100 devices and one reading "
                    + "per device, same keys; (a) the join alone, (b) the same join plus a groupBy branch (a "
                    + "repartition topic); classic and streams protocol.",
            "Create joined topics with one partition count and check it at deployment, repartition() one side, or "
                    + "use a GlobalKTable for the small side (as the kit's pipeline does for devices).",
            List.of(Source.docs("streams/developer-guide/dsl-api", "Streams DSL, join co-partitioning requirements"),
                    Source.docs("streams/developer-guide/streams-rebalance-protocol",
                            "Streams rebalance protocol, topology validation")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Readings joined with the devices table ("reading@site"); with a repartition topic when asked. */
    static Topology topology(String readings, String devices, String joined, AtomicLong tableLoaded,
            boolean withRepartition) {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> table = b.table(devices, Materialized.as("devices"));
        table.toStream().foreach((k, v) -> tableLoaded.incrementAndGet());
        var stream = b.<String, String>stream(readings);
        stream.join(table, (r, d) -> r + "@" + d).to(joined);
        if (withRepartition) {
            stream.groupBy((k, v) -> v).count();
        }
        return b.build();
    }

    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Devices whose key lands on the same partition number in both topics: the only joins that can happen. */
    static long predictedJoins() {
        return IntStream.range(0, DEVICES).mapToObj(i -> "d" + i)
                .filter(k -> partition(k, READINGS_PARTITIONS) == partition(k, DEVICES_PARTITIONS)).count();
    }

    @Override
    public List<Row> measure(Lab lab) {
        Duration watch = Duration.ofSeconds(WATCH_SECONDS.of(lab.mode()));
        return lab.rows(lab.trials(
                lab.arm("classic, join alone", bench -> join(bench, Protocol.CLASSIC, false, watch)),
                lab.arm("classic, with a repartition topic", bench -> join(bench, Protocol.CLASSIC, true, watch)),
                lab.arm("streams, join alone", bench -> join(bench, Protocol.STREAMS, false, watch)),
                lab.arm("streams, with a repartition topic", bench -> join(bench, Protocol.STREAMS, true, watch))));
    }

    private static Take join(Workbench bench, Protocol protocol, boolean withRepartition, Duration watch) {
        String readings = bench.topic("readings", READINGS_PARTITIONS);
        String devices = bench.topic("devices", DEVICES_PARTITIONS);
        String joined = bench.topic("joined", 1);
        List<String> keys = IntStream.range(0, DEVICES).mapToObj(i -> "d" + i).toList();
        bench.produce(devices, keys.stream().map(k -> Workbench.Rec.of(k, "site-1", 0)).toList());
        AtomicLong tableLoaded = new AtomicLong();
        StreamsRunner app = bench.app(bench.appId("app"), "a",
                topology(readings, devices, joined, tableLoaded, withRepartition), protocol.config());
        long t0 = System.nanoTime();
        app.start();
        // Either it runs and loads the table, or it stops: both are outcomes.
        boolean loaded = Await.within(Duration.ofSeconds(60),
                () -> app.failed() || tableLoaded.get() >= DEVICES);
        Take take = new Take().fact("predictedJoins", predictedJoins());
        if (!app.failed() && loaded) {
            bench.produce(readings, keys.stream().map(k -> Workbench.Rec.of(k, "21.5", 1_000)).toList());
            // Only the predicted joins can ever come: read for a fixed extra time to show no more arrive.
            take.fact("joined", bench.readUntilFailed(joined, DEVICES, watch,
                    new StringDeserializer()).size());
        } else {
            take.fact("joined", 0).figure("msToFailure", Timed.millisSince(t0));
            Workbench.awaitStopped(app);
        }
        Throwable root = app.error().map(Workbench::rootCause).orElse(null);
        String message = root == null ? "none" : root.getMessage();
        String detail = message.contains("Topics not co-partitioned")
                ? message.substring(message.indexOf("Topics not co-partitioned")) : message;
        return take.fact("state", app.streams().state() == State.RUNNING && Tasks.active(app) == 0
                        ? "RUNNING without tasks" : app.streams().state().name())
                .fact("tableLoaded", tableLoaded.get())
                .fact("error", root == null ? "none" : root.getClass().getSimpleName() + ": " + bench.anonymous(detail));
    }

    @Override
    public Finding read(Evidence e) {
        StringBuilder s = new StringBuilder();
        for (String arm : List.of("classic, join alone", "classic, with a repartition topic", "streams, join alone",
                "streams, with a repartition topic")) {
            s.append(s.isEmpty() ? "" : "; ").append(arm).append(": ").append(e.text(Lab.RUN, arm, "state"))
                    .append(", ").append(e.count(Lab.RUN, arm, "joined")).append(" of ").append(DEVICES).append(" joined");
            String error = e.text(Lab.RUN, arm, "error");
            if (!error.equals("none")) {
                s.append(" (").append(error).append(")");
            }
        }
        return Finding.of(Verdict.LIMIT, s.toString());
    }
}
