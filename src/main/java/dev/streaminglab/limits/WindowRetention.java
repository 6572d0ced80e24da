package dev.streaminglab.limits;

import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/** Window retention: a finished window stays queryable only until stream time passes its retention. */
final class WindowRetention implements Experiment {
    static final Duration RETENTION = Duration.ofMinutes(1);
    static final String STORE = "counts";

    private static Long fetch(StreamsRunner app, ReadOnlyWindowStore<String, Long> store, long start) {
        try {
            try (var it = store.fetch("d1", Instant.ofEpochMilli(start), Instant.ofEpochMilli(start))) {
                return it.hasNext() ? it.next().value : null;
            }
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException("store unavailable in state " + app.streams().state(), app.error().orElse(e));
        }
    }

    @Override
    public String name() {
        return "window-retention";
    }

    @Override
    public String capability() {
        return "Time: window retention (what is lost)";
    }

    @Override
    public String question() {
        return "How long can an interactive query still read a finished window?";
    }

    @Override
    public String setup() {
        return "1 partition, 10 s tumbling count, store retention 1 min; one record at 0 s, query window [0,10s); "
                + "then a record at 10 min event time, query the same window again.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        String in = bench.topic("in", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE).withRetention(RETENTION));
        StreamsRunner app = bench.app(bench.appId("app"), "a", b.build(), Map.of()).startAndAwaitRunning();
        bench.produce(in, List.of(Rec.of("d1", "v", 0)));
        ReadOnlyWindowStore<String, Long> store = app.store(STORE, QueryableStoreTypes.windowStore(), StreamsRunner.START_TIMEOUT);
        Await.until(Duration.ofSeconds(30), "the first window to be counted", () -> fetch(app, store, 0L) != null);
        Long before = fetch(app, store, 0L);
        long later = Duration.ofMinutes(10).toMillis();
        bench.produce(in, List.of(Rec.of("d1", "v", later)));
        Await.until(Duration.ofSeconds(30), "the later window to be counted", () -> fetch(app, store, later) != null);
        Long after = store.fetch("d1", 0L);
        long rangeSize;
        try (var it = store.fetch("d1", Instant.EPOCH, Instant.ofEpochMilli(later))) {
            rangeSize = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(it, 0), false).count();
        }
        out.figure("countBefore", before)
                .figure("countAfterRetention", after == null ? 0 : after)
                .figure("windowsLeftInRange", rangeSize)
                .figure("retentionMs", RETENTION.toMillis())
                .verdict(Verdict.LIMIT)
                .headline("window [0,10s) read " + before + " before, " + (after == null ? "nothing" : after)
                        + " once stream time passed retention (1 min)")
                .conclusion("A window store is a cache of recent windows, not an archive: once stream time is "
                        + "past window end + retention the window is gone from queries (and from the restored "
                        + "state). Write results to a topic and sink them to a database if history must be queried.");
    }
}
