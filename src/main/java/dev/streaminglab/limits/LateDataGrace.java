package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Late data against the grace period: a 10 s tumbling count receives one record late but within 5 s of grace and two
 * records later than grace. Kafka Streams drops those two from the result, logs each at WARN and counts it in the
 * task's dropped-records metric; a grace period chosen from the measured lateness (15 s) keeps all of them.
 */
final class LateDataGrace implements Experiment {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);
    /** Longer than the latest record's lateness (stream time 16 s, record at 4 s): the remedy. */
    static final Duration ENOUGH_GRACE = Duration.ofSeconds(15);
    /** Event times in send order: 3 s is late within grace, 4 s and 5 s arrive after stream time passed 10 + 5 s. */
    static final long[] EVENT_TIMES = {0, 1_000, 2_000, 12_000, 3_000, 16_000, 4_000, 5_000};
    static final String SKIPPED = "Skipping record for expired window";
    static final String LOGGER = "org.apache.kafka.streams.kstream.internals";

    private static final About ABOUT = new About("late-data-grace", "Time: late data vs grace",
            "What happens to a record that arrives after its window's grace period?",
            "A record later than window end + grace is left out of the window's result. It is not silent: Kafka "
                    + "Streams logs a WARN line per record and counts it in the task metric dropped-records-total.",
            "1 partition, count per 10 s tumbling window; event times 0, 1, 2, 12 s, then 3 s (late, within grace), "
                    + "16 s, then 4 s and 5 s (stream time 16 s is past 10 s + 5 s of grace); grace 5 s, and 15 s "
                    + "as the remedy.",
            "Alert on dropped-records-total (or the WARN line); choose grace from the measured lateness of your "
                    + "sources; where late data must not be lost, route it before the window to a topic of its own "
                    + "(the kit's pipeline sends it to telemetry.late).",
            List.of(Source.docs("streams/developer-guide/dsl-api", "Streams DSL, windowing and grace periods"),
                    Source.kip(633, "Deprecate 24-hour Default Grace Period for Windowed Operations in Streams"),
                    Source.docs("operations/monitoring", "Kafka Streams task metrics (dropped-records)")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Counts per key and window; the output key is "key@windowStartMs". */
    static Topology topology(String in, String counts, Duration grace) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, grace)).count()
                .toStream((w, c) -> w.key() + "@" + w.window().start())
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    /** How many of {@link #EVENT_TIMES} Kafka Streams' rule drops: window end at or before stream time − grace. */
    static long lateRecords(Duration grace) {
        long streamTime = Long.MIN_VALUE;
        long late = 0;
        for (long t : EVENT_TIMES) {
            streamTime = Math.max(streamTime, t);
            long windowEnd = t - t % WINDOW.toMillis() + WINDOW.toMillis();
            if (windowEnd <= streamTime - grace.toMillis()) {
                late++;
            }
        }
        return late;
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(
                lab.arm("grace 5 s", bench -> once(bench, GRACE)),
                lab.arm("grace 15 s", bench -> once(bench, ENOUGH_GRACE))));
    }

    private static Take once(Workbench bench, Duration grace) {
        String in = bench.topic("in", 1);
        String counts = bench.topic("counts", 1);
        long late = lateRecords(grace);
        try (LogCapture log = LogCapture.of(LOGGER)) {
            StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, counts, grace), Map.of())
                    .startAndAwaitRunning();
            bench.produce(in, Arrays.stream(EVENT_TIMES).mapToObj(t -> Rec.of("d1", "r@" + t, t)).toList());
            int accepted = (int) (EVENT_TIMES.length - late);
            var updates = bench.read(counts, accepted, Duration.ofSeconds(30), new LongDeserializer());
            Await.until(Duration.ofSeconds(30), "the dropped-records metric to count " + late + " late records",
                    () -> Metrics.sum(app.streams(), "stream-task-metrics", "dropped-records-total") >= late);
            Map<String, Long> finalCounts = new LinkedHashMap<>();
            updates.forEach(r -> finalCounts.put(r.key(), r.value()));
            List<String> warnings = log.containing(SKIPPED);
            return new Take()
                    .fact("recordsSent", EVENT_TIMES.length)
                    .fact("windowUpdatesEmitted", updates.size())
                    .fact("countWindow0s", finalCounts.getOrDefault("d1@0", 0L))
                    .fact("countWindow10s", finalCounts.getOrDefault("d1@10000", 0L))
                    .fact("droppedRecordsMetric", (long) Metrics.sum(app.streams(), "stream-task-metrics",
                            "dropped-records-total"))
                    .fact("warnLines", warnings.size())
                    .fact("firstWarnLine", warnings.isEmpty() ? "none" : bench.anonymous(warnings.get(0)));
        }
    }

    @Override
    public Finding read(Evidence e) {
        String tight = "grace 5 s";
        String enough = "grace 15 s";
        return new Finding(Verdict.LIMIT, e.count(Lab.RUN, tight, "droppedRecordsMetric") + " of "
                + e.count(Lab.RUN, tight, "recordsSent") + " records later than grace dropped: window [0, 10 s) counted "
                + e.count(Lab.RUN, tight, "countWindow0s") + ", not 6; " + e.count(Lab.RUN, tight, "warnLines")
                + " WARN lines (\"" + SKIPPED + "\") and dropped-records-total = "
                + e.count(Lab.RUN, tight, "droppedRecordsMetric"),
                "with 15 s of grace window [0, 10 s) counted " + e.count(Lab.RUN, enough, "countWindow0s") + " and "
                        + e.count(Lab.RUN, enough, "droppedRecordsMetric") + " records were dropped");
    }
}
