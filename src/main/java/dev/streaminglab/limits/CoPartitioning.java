package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * A KStream-KTable join over topics with different partition counts (readings 3, devices 2). Measured on
 * Kafka Streams 4.3: the check that should refuse it only runs when the topology also has a repartition
 * topic. Without one the application runs and silently misses joins; with one it stops with the documented
 * TopologyException.
 */
final class CoPartitioning implements Experiment {
    static final int READINGS_PARTITIONS = 3;
    static final int DEVICES_PARTITIONS = 2;
    static final int DEVICES = 100;

    @Override
    public String name() {
        return "co-partitioning";
    }

    @Override
    public String capability() {
        return "Joins: co-partitioning requirement";
    }

    @Override
    public String question() {
        return "What happens when the two sides of a join have different partition counts?";
    }

    @Override
    public String setup() {
        return "readings (3 partitions) KStream-KTable-joined with devices (2 partitions), 100 devices and one "
                + "reading per device, same keys; (a) the join alone, (b) the same join plus a groupBy branch "
                + "(which adds a repartition topic).";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String readings = bench.topic("readings", READINGS_PARTITIONS);
        String devices = bench.topic("devices", DEVICES_PARTITIONS);
        String joined = bench.topic("joined", 1);
        List<String> keys = IntStream.range(0, DEVICES).mapToObj(i -> "d" + i).toList();
        long predicted = keys.stream().filter(k -> partition(k, READINGS_PARTITIONS) == partition(k, DEVICES_PARTITIONS))
                .count();

        AtomicLong tableLoaded = new AtomicLong();
        StreamsRunner silent = bench.app(bench.appId("silent"), "silent",
                topology(readings, devices, joined, tableLoaded, false), Map.of()).startAndAwaitRunning();
        bench.produce(devices, keys.stream().map(k -> Workbench.Rec.of(k, "site-1", 0)).toList());
        Await.until(Duration.ofSeconds(60), "the devices table to load", () -> tableLoaded.get() >= DEVICES);
        bench.produce(readings, keys.stream().map(k -> Workbench.Rec.of(k, "21.5", 1_000)).toList());
        // Only 'predicted' joins can ever come; read for a fixed extra time to show no more arrive.
        long joins = bench.read(joined, DEVICES, Duration.ofSeconds(mode.pick(4, 15))).size();
        String silentState = silent.streams().state().name();
        silent.close();

        StreamsRunner checked = bench.app(bench.appId("checked"), "checked",
                topology(readings, devices, bench.topic("joined-checked", 1), new AtomicLong(), true), Map.of());
        long t0 = System.nanoTime();
        checked.start();
        Await.until(Duration.ofSeconds(60), "the application to fail", () -> checked.streams().state() == State.ERROR);
        long failMs = (System.nanoTime() - t0) / 1_000_000;
        Throwable error = checked.error().orElse(null);
        String type = error == null ? "none" : error.getClass().getName();
        String message = error == null ? "none" : error.getMessage();
        String detail = message.contains("Topics not co-partitioned")
                ? message.substring(message.indexOf("Topics not co-partitioned")).replace(readings, "readings")
                        .replace(devices, "devices")
                : message;
        out.figure("readings", DEVICES)
                .figure("joinedWithoutCheck", joins)
                .figure("joinedPredictedByPartitioner", predicted)
                .figure("stateWithoutCheck", silentState)
                .figure("errorTypeWithRepartitionTopic", type)
                .figure("errorMessageWithRepartitionTopic", detail)
                .figure("msToFailureWithRepartitionTopic", failMs)
                .verdict(Verdict.LIMIT)
                .headline(String.format("join alone: RUNNING, silently %d of %d readings joined; with a repartition "
                        + "topic: TopologyException \"%s\" after %d ms", joins, DEVICES, detail, failMs))
                .conclusion("Joined topics must have the same partition count and partitioner. Kafka Streams 4.3 "
                        + "enforces it only when the topology also has a repartition topic; otherwise it runs and "
                        + "drops the joins whose keys land on different partition numbers, with no error. Create "
                        + "joined topics with one partition count (check it in deployment), repartition() one side, "
                        + "or use a GlobalKTable for the small side.");
    }

    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Topology topology(String readings, String devices, String joined, AtomicLong tableLoaded,
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
}
