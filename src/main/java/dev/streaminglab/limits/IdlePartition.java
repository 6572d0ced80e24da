package dev.streaminglab.limits;

import dev.streaminglab.limits.Workbench.Rec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * An idle partition stalls stream time: with final-result windows (suppress until close), the window of a
 * partition that receives nothing more is never emitted, however much wall-clock time passes.
 */
final class IdlePartition implements Experiment {
    static final Duration WINDOW = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "idle-partition";
    }

    @Override
    public String capability() {
        return "Time: idle partition stalls stream time";
    }

    @Override
    public String question() {
        return "When one partition goes quiet, do its windows still close?";
    }

    @Override
    public String setup() {
        return "2 partitions, 10 s tumbling count, no grace, suppressed until the window closes; key a on "
                + "partition 0, b on partition 1, both at 1 s; then only partition 0 gets a record at 25 s; "
                + "wait 3 s (quick) or 20 s (full); then partition 1 gets a record at 25 s.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", 2);
        String finals = bench.topic("finals", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW)).count(Materialized.with(Serdes.String(), Serdes.Long()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream((w, c) -> w.key() + "@" + w.window().start())
                .to(finals, Produced.with(Serdes.String(), Serdes.Long()));
        bench.app(bench.appId("app"), "a", b.build(), Map.of()).startAndAwaitRunning();
        bench.produce(in, List.of(new Rec("a", "v", 1_000, 0), new Rec("b", "v", 1_000, 1),
                new Rec("a", "v", 25_000, 0)));
        bench.read(finals, 1, Duration.ofSeconds(30), new LongDeserializer());
        Duration idle = Duration.ofSeconds(mode.pick(3, 20));
        // Waiting is the experiment: wall-clock time passes, stream time of partition 1 does not.
        Thread.sleep(idle.toMillis());
        Set<String> before = keys(bench.read(finals, 2, Duration.ofSeconds(1), new LongDeserializer()));
        long t0 = System.nanoTime();
        bench.produce(in, List.of(new Rec("b", "v", 25_000, 1)));
        Set<String> after = keys(bench.read(finals, 2, Duration.ofSeconds(30), new LongDeserializer()));
        long closeMs = (System.nanoTime() - t0) / 1_000_000;
        out.figure("emittedAfterIdle", String.join(",", before))
                .figure("emittedAfterNewData", String.join(",", after))
                .figure("idleMs", idle.toMillis())
                .figure("msToCloseAfterNewData", closeMs)
                .verdict(Verdict.LIMIT)
                .headline("after " + idle.toSeconds() + " s idle only [" + String.join(",", before)
                        + "] closed; b@0 closed " + closeMs + " ms after partition 1 got a record")
                .conclusion("Stream time is kept per task (partition), so a quiet partition keeps its windows "
                        + "open forever and suppress() never emits them. Send heartbeat records to every "
                        + "partition, or emit on wall-clock punctuation, for sources that can go quiet.");
    }

    private static Set<String> keys(List<? extends ConsumerRecord<String, ?>> rs) {
        return rs.stream().map(r -> r.key()).collect(Collectors.toCollection(TreeSet::new));
    }
}
