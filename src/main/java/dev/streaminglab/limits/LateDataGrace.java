package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Late data against the grace period: a 10 s tumbling count with 5 s of grace receives one record late but
 * within grace and two records later than grace. Reads the counts the topology emitted and Streams'
 * dropped-records metric.
 */
final class LateDataGrace implements Experiment {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "late-data-grace";
    }

    @Override
    public String capability() {
        return "Time: late data vs grace";
    }

    @Override
    public String question() {
        return "What happens to a record that arrives after its window's grace period?";
    }

    @Override
    public String setup() {
        return "1 partition, count per 10 s tumbling window with 5 s grace; event times 0, 1, 2, 12 s, then 3 s "
                + "(late, within grace), 16 s, then 4 s and 5 s (later than grace: stream time 16 s > 10 + 5 s).";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", 1);
        String counts = bench.topic("counts", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE)).count()
                .toStream((w, c) -> w.key() + "@" + w.window().start())
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        StreamsRunner app = bench.app(bench.appId("app"), "a", b.build(), Map.of()).startAndAwaitRunning();
        long[] times = {0, 1_000, 2_000, 12_000, 3_000, 16_000, 4_000, 5_000};
        bench.produce(in, Arrays.stream(times).mapToObj(t -> Rec.of("d1", "r@" + t, t)).toList());
        int accepted = 6;
        var updates = bench.read(counts, accepted, Duration.ofSeconds(30), new LongDeserializer());
        Await.until(Duration.ofSeconds(30), "the dropped-records metric to count the late records", () -> Metrics.sum(app.streams(), "stream-task-metrics", "dropped-records-total") >= 2);
        Map<String, Long> finalCounts = new LinkedHashMap<>();
        updates.forEach(r -> finalCounts.put(r.key(), r.value()));
        long dropped = (long) Metrics.sum(app.streams(), "stream-task-metrics", "dropped-records-total");
        out.figure("recordsSent", times.length)
                .figure("windowUpdatesEmitted", updates.size())
                .figure("countWindow0s", finalCounts.getOrDefault("d1@0", 0L))
                .figure("countWindow10s", finalCounts.getOrDefault("d1@10000", 0L))
                .figure("droppedRecordsMetric", dropped)
                .series(new Series("count per window", "window start (s)", "records counted",
                        List.of(0.0, 10.0), List.of((double) finalCounts.getOrDefault("d1@0", 0L),
                                (double) finalCounts.getOrDefault("d1@10000", 0L))))
                .verdict(Verdict.LIMIT)
                .headline(dropped + " of " + times.length + " records dropped (later than grace); window [0,10s) counted "
                        + finalCounts.getOrDefault("d1@0", 0L) + ", not 6")
                .conclusion("Records later than window end + grace are dropped silently from the result; the only "
                        + "trace is the dropped-records metric (alert on it). Choose grace from the measured "
                        + "lateness of your sources, and route very late data yourself (e.g. filter by timestamp "
                        + "before the window into a separate topic) if it must not be lost.");
    }
}
