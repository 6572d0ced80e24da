package dev.streaminglab.limits;

import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
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
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * An idle partition stalls stream time: with final-result windows (suppress until close), the window of a partition
 * that receives nothing more is never emitted, however much wall-clock time passes; one record on that partition (a
 * heartbeat) closes it.
 */
final class IdlePartition implements Experiment {
    static final Mode.Size IDLE_SECONDS = new Mode.Size(3, 15);
    static final Duration WINDOW = Duration.ofSeconds(10);

    private static final About ABOUT = new About("idle-partition", "Time: idle partition stalls stream time",
            "When one partition goes quiet, do its windows still close?",
            "Stream time is kept per task (partition): a quiet partition keeps its windows open and suppress() never "
                    + "emits them, however long the wall clock runs.",
            "2 partitions, 10 s tumbling count, no grace, suppressed until the window closes; key a on partition 0, "
                    + "b on partition 1, both at 1 s; then only partition 0 gets a record at 25 s; "
                    + IDLE_SECONDS.text() + " s of wall-clock time pass; then partition 1 gets a record at 25 s (a heartbeat).",
            "Send heartbeat records to every partition of sources that can go quiet, or emit on wall-clock "
                    + "punctuation.",
            List.of(Source.docs("streams/core-concepts", "Core concepts, time and stream time"),
                    Source.kip(328, "Ability to suppress updates for KTables")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Final counts per key and 10 s window, emitted when the window closes, as "key@start". */
    static Topology topology(String in, String finals) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW)).count(Materialized.with(Serdes.String(), Serdes.Long()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream((w, c) -> w.key() + "@" + w.window().start())
                .to(finals, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        Duration idle = Duration.ofSeconds(IDLE_SECONDS.of(lab.mode()));
        return lab.rows(lab.trials(lab.arm("idle " + idle.toSeconds() + " s", bench -> once(bench, idle))));
    }

    private static Take once(Workbench bench, Duration idle) {
        String in = bench.topic("in", 2);
        String finals = bench.topic("finals", 1);
        bench.app(bench.appId("app"), "a", topology(in, finals), Map.of()).startAndAwaitRunning();
        bench.produce(in, List.of(new Rec("a", "v", 1_000, 0), new Rec("b", "v", 1_000, 1),
                new Rec("a", "v", 25_000, 0)));
        bench.read(finals, 1, Duration.ofSeconds(30), new LongDeserializer());
        Timed.observe(idle);
        Set<String> before = keys(bench.read(finals, 2, Duration.ofSeconds(1), new LongDeserializer()));
        long t0 = System.nanoTime();
        bench.produce(in, List.of(new Rec("b", "v", 25_000, 1)));
        Set<String> after = keys(bench.read(finals, 2, Duration.ofSeconds(30), new LongDeserializer()));
        return new Take().figure("msToCloseAfterHeartbeat", Timed.millisSince(t0))
                .fact("idleMs", idle.toMillis())
                .fact("emittedAfterIdle", String.join(",", before))
                .fact("emittedAfterHeartbeat", String.join(",", after));
    }

    private static Set<String> keys(List<? extends ConsumerRecord<String, ?>> rs) {
        return rs.stream().map(ConsumerRecord::key).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Finding read(Evidence e) {
        var row = e.rows().get(0);
        return new Finding(Verdict.LIMIT, "after " + row.facts().get("idleMs") + " ms of wall-clock time only ["
                + row.facts().get("emittedAfterIdle") + "] was emitted; partition 1's window stayed open",
                "one record on partition 1 closed it: [" + row.facts().get("emittedAfterHeartbeat") + "] after "
                        + LimitsReport.format(row.require("msToCloseAfterHeartbeat")) + " ms");
    }
}
