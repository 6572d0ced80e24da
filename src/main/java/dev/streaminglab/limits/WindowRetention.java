package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Window retention: a finished window stays queryable only until stream time passes its retention; the same count
 * written to an output topic (the remedy) is still there afterwards.
 */
final class WindowRetention implements Experiment {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration RETENTION = Duration.ofMinutes(1);
    /** Event time of the second record: far past the first window's retention. */
    static final Duration LATER = Duration.ofMinutes(10);
    static final String STORE = "counts";

    private static final About ABOUT = new About("window-retention", "Time: window retention (what is lost)",
            "How long can an interactive query still read a finished window?",
            "A window store is a cache of recent windows: once stream time is past window end + retention, the "
                    + "window is gone from queries and from the restored state.",
            "1 partition, 10 s tumbling count, store retention 1 min, every update also written to an output topic; "
                    + "one record at 0 s, query window [0, 10 s); then a record at 10 min event time, query again.",
            "Write results to a topic and sink them to a database where history must be queried; size retention "
                    + "for the queries you serve from the store.",
            List.of(Source.docs("streams/developer-guide/dsl-api", "Streams DSL, windowing and retention"),
                    Source.docs("streams/developer-guide/interactive-queries", "Interactive queries")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Counts per 10 s window into store {@value #STORE} (1 min retention) and to {@code out} as "key@start". */
    static Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE).withRetention(RETENTION))
                .toStream((w, c) -> w.key() + "@" + w.window().start())
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(lab.arm("retention 1 min", WindowRetention::once)));
    }

    private static Take once(Workbench bench) {
        String in = bench.topic("in", 1);
        String out = bench.topic("out", 1);
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, out), Map.of()).startAndAwaitRunning();
        bench.produce(in, List.of(Rec.of("d1", "v", 0)));
        ReadOnlyWindowStore<String, Long> store = app.store(STORE, QueryableStoreTypes.windowStore(),
                StreamsRunner.START_TIMEOUT);
        Await.until(Duration.ofSeconds(30), "the first window to be counted", () -> fetch(app, store, 0L) != null);
        Long before = fetch(app, store, 0L);
        long later = LATER.toMillis();
        bench.produce(in, List.of(Rec.of("d1", "v", later)));
        Await.until(Duration.ofSeconds(30), "the later window to be counted", () -> fetch(app, store, later) != null);
        Long after = fetch(app, store, 0L);
        long windowsLeft;
        try (var it = store.fetch("d1", Instant.EPOCH, Instant.ofEpochMilli(later))) {
            windowsLeft = StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false).count();
        }
        var topic = bench.read(out, 2, Duration.ofSeconds(30), new LongDeserializer());
        long inTopic = topic.stream().filter(r -> r.key().equals("d1@0")).mapToLong(r -> r.value()).max().orElse(0);
        return new Take().fact("countBefore", before)
                .fact("countAfterRetention", after == null ? 0L : after)
                .fact("windowsLeftInStore", windowsLeft)
                .fact("countInOutputTopicAfterRetention", inTopic);
    }

    private static Long fetch(StreamsRunner app, ReadOnlyWindowStore<String, Long> store, long start) {
        try (var it = store.fetch("d1", Instant.ofEpochMilli(start), Instant.ofEpochMilli(start))) {
            return it.hasNext() ? it.next().value : null;
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException("store unavailable in state " + app.streams().state(),
                    app.error().orElse(e));
        }
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "retention 1 min";
        return new Finding(Verdict.LIMIT, "window [0, 10 s) read " + e.count(Lab.RUN, arm, "countBefore")
                + " before and " + e.count(Lab.RUN, arm, "countAfterRetention") + " once stream time passed its "
                + "1 min retention (" + e.count(Lab.RUN, arm, "windowsLeftInStore") + " window left in the store)",
                "the output topic still held the count " + e.count(Lab.RUN, arm, "countInOutputTopicAfterRetention")
                        + " for window [0, 10 s)");
    }
}
